/* SPDX-License-Identifier: GPL-3.0-or-later */
/* signaal-course sync: sends the outbox of learners who have an organisation
 * connection to the organisation's learning record store. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sig-cli.h"
#include "sig-secret.h"
#include "sig-lrs.h"
#include "sig-store.h"
#include "sig-sync.h"

#define SECRET_VARIABLE "SIGNAAL_LRS_SECRET"

static char *
format_local_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
}

/* The profiles to sync: @name alone, or every profile with a connection or
 * with statements waiting. */
static GPtrArray *
profiles_to_sync (SigStore   *store,
                  const char *name,
                  GError    **error)
{
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) waiting = NULL;

  if (name != NULL)
    {
      SigProfile *profile = sig_store_find_profile (store, name, error);

      if (profile == NULL)
        return NULL;
      g_ptr_array_add (chosen, profile);
      return g_steal_pointer (&chosen);
    }
  if ((profiles = sig_store_list_profiles (store, error)) == NULL ||
      (waiting = sig_store_outbox_profiles (store, error)) == NULL)
    return NULL;
  for (guint i = 0; i < profiles->len; i++)
    {
      SigProfile *profile = profiles->pdata[i];
      g_autoptr(SigStoreConnection) connection = NULL;
      g_autoptr(GError) local_error = NULL;

      connection = sig_store_get_connection (store, sig_profile_get_id (profile), &local_error);
      if (connection != NULL || g_strv_contains ((const char * const *) waiting, sig_profile_get_id (profile)))
        g_ptr_array_add (chosen, g_object_ref (profile));
    }
  return g_steal_pointer (&chosen);
}

static void
print_refused (SigStore   *store,
               SigProfile *profile)
{
  g_autoptr(GPtrArray) refused = sig_store_list_outbox_refused (store, sig_profile_get_id (profile), NULL);

  if (refused == NULL || refused->len == 0)
    return;
  g_print (_("  Refused by the learning record store (kept, not sent again):\n"));
  for (guint i = 0; i < refused->len; i++)
    {
      SigOutboxRow *row = refused->pdata[i];
      g_autofree char *reason = sig_cli_safe (row->reason ? row->reason : "");

      g_print ("    %s: %s\n", row->statement_id, reason);
    }
}

int
sig_cli_sync (int   argc,
              char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *key = NULL;
  const char *secret = g_getenv (SECRET_VARIABLE);
  int batch_size = 0;
  int status = SIG_EXIT_OK;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The progress database (default: the user's own)"), N_("PATH") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("Only this learner (default: every learner with a connection or statements waiting)"), N_("NAME") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint, N_("Send to this learning record store instead of each learner's configured one (its xAPI endpoint; needs --key)"), N_("URL") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_("The key for --endpoint; the secret is read from the environment variable SIGNAAL_LRS_SECRET"), N_("KEY") },
    { "batch-size", 0, 0, G_OPTION_ARG_INT, &batch_size, N_("Statements per request (default 100)"), N_("N") },
    { NULL }
  };

  context = sig_cli_option_context (NULL, _("Send the learning records waiting in the outbox to the organisation's learning record store. "
                                            "Only learners with an organisation connection have an outbox; what they did before the connection was made is not sent."),
                                    entries);
  /* A secret on the command line is readable by every user of the computer
   * (the process list) and stays in the shell's history. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--secret") || g_str_has_prefix (argv[i], "--secret="))
      return sig_cli_usage_error (context, _("The secret is never taken from the command line, where other users can read it. "
                                             "Put it in the environment variable SIGNAAL_LRS_SECRET."));
  if (!sig_cli_parse (context, &argc, &argv))
    return SIG_EXIT_USAGE;
  if (argc != 1)
    return sig_cli_usage_error (context, _("This command takes no file names."));
  if ((endpoint == NULL) != (key == NULL))
    return sig_cli_usage_error (context, _("Give --endpoint and --key together, or neither to use each learner's configured connection."));
  if (batch_size < 0 || batch_size > 1000)
    return sig_cli_usage_error (context, _("--batch-size must be between 1 and 1000."));
  if (secret != NULL && *secret == '\0')
    secret = NULL;
  /* A given endpoint needs its secret given too; each learner's configured
   * connection has its secret in the desktop keyring. */
  if (secret == NULL && endpoint != NULL)
    {
      g_printerr (_("No secret for the learning record store: set the environment variable SIGNAAL_LRS_SECRET to the secret that belongs to the key.\n"));
      return SIG_EXIT_USAGE;
    }

  if ((store = sig_store_open (db_path, SIG_STORE_OPEN_DEFAULT, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }
  if (sig_store_get_read_only (store))
    {
      g_printerr ("%s\n", sig_store_get_read_only_reason (store));
      return SIG_EXIT_USAGE;
    }
  if ((profiles = profiles_to_sync (store, profile_name, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SIG_EXIT_USAGE;
    }
  if (profiles->len == 0)
    g_print (_("No learner has an organisation connection or statements waiting: nothing to send.\n"));

  for (guint i = 0; i < profiles->len; i++)
    {
      SigProfile *profile = profiles->pdata[i];
      const char *profile_id = sig_profile_get_id (profile);
      g_autofree char *name = sig_cli_safe (sig_profile_get_name (profile));
      g_autoptr(SigStoreConnection) connection = NULL;
      g_autoptr(GError) sync_error = NULL;
      g_auto(SigSyncReport) report = { 0 };
      SigSyncConnection over = { 0 };
      g_autofree char *kept_secret = NULL;
      SigOutboxState state = { 0 };
      gboolean ok;

      connection = sig_store_get_connection (store, profile_id, &sync_error);
      if (connection == NULL && sync_error != NULL)
        {
          g_printerr ("%s\n", sync_error->message);
          return SIG_EXIT_USAGE;
        }
      if (connection == NULL)
        {
          /* Consent withdrawn (or never given): what waits stays here. */
          if (sig_store_get_outbox_state (store, profile_id, &state, NULL) && state.waiting > 0)
            {
              g_print (ngettext ("%s: %u statement waits, but there is no organisation connection any more: it is not sent.\n",
                                 "%s: %u statements wait, but there is no organisation connection any more: they are not sent.\n",
                                 state.waiting),
                       name, state.waiting);
              status = MAX (status, SIG_EXIT_PROBLEMS);
            }
          else
            g_print (_("%s: no organisation connection, nothing to send.\n"), name);
          sig_outbox_state_clear (&state);
          continue;
        }
      over.endpoint = endpoint ? endpoint : connection->endpoint;
      over.key = key ? key : connection->key;
      over.secret = secret;
      over.batch_size = batch_size;
      if (over.secret == NULL && over.endpoint != NULL)
        {
          kept_secret = sig_secret_lookup (profile_id, over.endpoint, NULL, &sync_error);
          if (kept_secret == NULL)
            {
              g_autofree char *why = sig_cli_safe (sync_error != NULL ? sync_error->message : _("there is none for this address"));

              g_printerr (_("%s: no secret for the learning record store in the keyring (%s). Turn sharing off and on again in Preferences, or set SIGNAAL_LRS_SECRET.\n"),
                          name, why);
              status = SIG_EXIT_USAGE;
              continue;
            }
          over.secret = kept_secret;
        }
      over.ignore_backoff = TRUE;   /* asked for now: no waiting for the next retry */
      if (over.endpoint == NULL || over.key == NULL)
        {
          g_printerr (_("%s: the organisation connection has no learning record store address or key. Set it in Preferences, or give --endpoint and --key.\n"),
                      name);
          status = SIG_EXIT_USAGE;
          continue;
        }

      ok = sig_sync_once (store, profile_id, &over, NULL, &report, &sync_error);
      g_print (_("%s: %u sent, %u refused, %u waiting.\n"), name, report.sent, report.refused, report.waiting);
      print_refused (store, profile);
      if (report.waiting > 0)
        {
          g_autofree char *reason = sig_cli_safe (report.waiting_reason ? report.waiting_reason
                                                                        : _("not sent yet"));

          g_print (ngettext ("  %u statement waits: %s\n", "  %u statements wait: %s\n", report.waiting),
                   report.waiting, reason);
          if (report.next_try > 0)
            {
              g_autofree char *when = format_local_time (report.next_try);

              g_print (_("  The app tries again from %s; this command tries whenever it is run.\n"), when);
            }
        }
      if (!ok)
        {
          g_printerr ("%s: %s\n", name, sync_error->message);
          status = SIG_EXIT_USAGE;
        }
      else if (report.refused > 0 || report.waiting > 0 ||
               (sig_store_get_outbox_state (store, profile_id, &state, NULL) && state.refused > 0))
        status = MAX (status, SIG_EXIT_PROBLEMS);   /* a refused statement never reached the organisation */
      sig_outbox_state_clear (&state);
    }
  return status;
}
