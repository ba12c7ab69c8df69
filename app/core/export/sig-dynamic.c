/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "sig-dynamic.h"

static GMutex lock;

gboolean
sig_dynamic_load (gboolean               *loaded,
                  const char             *soname,
                  const char             *package,
                  const SigDynamicSymbol *symbols,
                  gsize                   n_symbols,
                  GError                **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree gpointer *found = NULL;
  GModule *module;

  g_return_val_if_fail (loaded != NULL, FALSE);
  g_return_val_if_fail (soname != NULL, FALSE);
  g_return_val_if_fail (package != NULL, FALSE);

  locker = g_mutex_locker_new (&lock);
  if (*loaded)
    return TRUE;
  found = g_new0 (gpointer, n_symbols);
  module = g_module_open (soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The library %s could not be loaded (%s). The organisation connection needs it: install the package %s and try again."),
                   soname, g_module_error (), package);
      return FALSE;
    }
  for (gsize i = 0; i < n_symbols; i++)
    if (!g_module_symbol (module, symbols[i].name, &found[i]) || found[i] == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("The library %s lacks the function %s: it is too old or not the expected one. Install the package %s from your distribution and try again."),
                     soname, symbols[i].name, package);
        g_module_close (module);
        return FALSE;
      }
  g_module_make_resident (module);
  for (gsize i = 0; i < n_symbols; i++)
    *symbols[i].slot = found[i];
  *loaded = TRUE;
  return TRUE;
}
