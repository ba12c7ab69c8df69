/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The libraries of the organisation connection are loaded when first used
 * (sig-dynamic.h): a library that is missing or lacks a function gives an
 * error that names it and the package to install, and fills nothing; the
 * programs do not load libsoup or libsecret before that first use. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gio/gio.h>
#include <string.h>

#include "sig-dynamic.h"
#include "sig-http.h"
#include "sig-secret.h"

/* Is a library whose file name starts with @prefix mapped in this process? */
static gboolean
is_mapped (const char *prefix)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;

  assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *slash = strrchr (lines[i], '/');

      if (slash != NULL && g_str_has_prefix (slash + 1, prefix))
        return TRUE;
    }
  return FALSE;
}

static void
test_missing_library (void **state)
{
  gpointer slot = NULL;
  const SigDynamicSymbol symbols[] = { { "soup_session_send", &slot } };
  g_autoptr(GError) error = NULL;
  gboolean loaded = FALSE;

  assert_false (sig_dynamic_load (&loaded, "libsignaal-not-there.so.0", "signaal-not-there", symbols, 1, &error));
  assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
  assert_non_null (strstr (error->message, "libsignaal-not-there.so.0"));
  assert_non_null (strstr (error->message, "signaal-not-there"));
  assert_null (slot);
  assert_false (loaded);
}

static void
test_missing_function (void **state)
{
  gpointer version = NULL, send = NULL;
  const SigDynamicSymbol symbols[] = {
    { "zlibVersion", &version },
    { "soup_session_send", &send },
  };
  g_autoptr(GError) error = NULL;
  gboolean loaded = FALSE;

  /* zlib is there, but not with libsoup's functions: nothing is filled */
  assert_false (sig_dynamic_load (&loaded, "libz.so.1", "zlib1g", symbols, G_N_ELEMENTS (symbols), &error));
  assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED));
  assert_non_null (strstr (error->message, "soup_session_send"));
  assert_non_null (strstr (error->message, "zlib1g"));
  assert_null (version);
  assert_null (send);
  assert_false (loaded);
}

static void
test_loaded_when_first_used (void **state)
{
  g_autoptr(GError) error = NULL;
  const SigHttp *http;

  /* This program is linked with the core library like signaal and
   * signaal-course, and has not used the connection yet. */
  assert_false (is_mapped ("libsoup-3.0.so"));
  assert_false (is_mapped ("libsecret-1.so"));

  http = sig_http_get (&error);
  assert_null (error);
  assert_non_null (http);
  assert_true (is_mapped ("libsoup-3.0.so"));
  assert_false (is_mapped ("libsecret-1.so"));
  /* Once loaded, the same table every time, and its functions work. */
  assert_ptr_equal (sig_http_get (NULL), http);
  {
    g_autoptr(SoupMessage) message = http->message_new ("GET", "https://lrs.example.org/xAPI/about");

    assert_non_null (message);
    assert_int_equal (http->message_get_status (message), 0);
  }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_loaded_when_first_used),
    cmocka_unit_test (test_missing_library),
    cmocka_unit_test (test_missing_function),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
