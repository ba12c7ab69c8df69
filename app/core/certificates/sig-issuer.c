/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sig-certificate-error.h"
#include "sig-certificate-labels.h"
#include "sig-file.h"
#include "sig-issuer-private.h"

/* A key file is a GKeyFile:
 *
 *   [Issuer]
 *   Kind=organisation                 (or installation)
 *   Name=Voorbeeldvereniging Kappers  (required for an organisation)
 *   Name[en]=Example Hairdressers' Association
 *   DID=did:key:z6Mk...               (written for reference; checked on loading)
 *   SecretKey=<base64 of the 32-byte Ed25519 seed>
 *   Created=2025-03-12T10:00:00Z
 */
#define GROUP "Issuer"
#define MAX_KEY_FILE_BYTES (64 * 1024)

struct _SigIssuer
{
  GObject parent_instance;

  guint8 *secret_key;  /* crypto_sign_SECRETKEYBYTES, in sodium_malloc()ed memory */
  guint8 public_key[SIG_ED25519_PUBLIC_KEY_BYTES];
  char *did;
  char *verification_method;
  SigIssuerKind kind;
  SigIssuerSource source;
  char *path;
  char *name;         /* untranslated Name, or NULL */
  GHashTable *names;  /* language -> Name[language] */
};

G_DEFINE_FINAL_TYPE (SigIssuer, sig_issuer, G_TYPE_OBJECT)

static gpointer
init_sodium (gpointer data)
{
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  return NULL;
}

void
sig_crypto_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_sodium, NULL);
}

static void
sig_issuer_finalize (GObject *object)
{
  SigIssuer *self = SIG_ISSUER (object);

  g_clear_pointer (&self->secret_key, sodium_free);
  g_free (self->did);
  g_free (self->verification_method);
  g_free (self->path);
  g_free (self->name);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (sig_issuer_parent_class)->finalize (object);
}

static void
sig_issuer_class_init (SigIssuerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sig_issuer_finalize;
}

static void
sig_issuer_init (SigIssuer *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->source = SIG_ISSUER_SOURCE_MEMORY;
}

/**
 * sig_issuer_new_from_seed:
 * @seed: the 32-byte Ed25519 private key (the "secret key" of RFC 8032)
 * @kind: what the key stands for
 * @name: (nullable): the issuer's name
 *
 * Returns: (transfer full): an issuer signing with that key
 */
SigIssuer *
sig_issuer_new_from_seed (const guint8  seed[SIG_ED25519_SEED_BYTES],
                          SigIssuerKind kind,
                          const char   *name)
{
  SigIssuer *self;

  g_return_val_if_fail (seed != NULL, NULL);

  sig_crypto_init ();

  self = g_object_new (SIG_TYPE_ISSUER, NULL);
  self->secret_key = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  if (self->secret_key == NULL)
    g_error ("Out of secure memory for the issuer key");
  crypto_sign_seed_keypair (self->public_key, self->secret_key, seed);
  self->did = sig_did_key_from_public_key (self->public_key);
  self->verification_method = sig_did_key_verification_method (self->did);
  self->kind = kind;
  self->name = g_strdup (name);
  return self;
}

/* Opens @path for reading and refuses a key others could read. */
static int
open_key_file (const char  *path,
               struct stat *st,
               GError     **error)
{
  /* O_NONBLOCK: a named pipe must not hold the open (it is refused below). */
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  int saved_errno = errno;

  if (fd < 0)
    {
      if (saved_errno == ENOENT)
        g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_NOT_FOUND,
                     _("There is no issuer key at %s."), path);
      else if (saved_errno == EACCES || saved_errno == EPERM)
        g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_PERMISSIONS,
                     _("This account may not read the issuer key %s. Certificates with this key can only be issued from the account that owns it."),
                     path);
      else
        g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                     _("Could not open the issuer key %s: %s"), path, g_strerror (saved_errno));
      return -1;
    }

  if (fstat (fd, st) != 0)
    {
      saved_errno = errno;
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                   _("Could not read the issuer key %s: %s"), path, g_strerror (saved_errno));
      close (fd);
      return -1;
    }
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_INVALID,
                   _("The issuer key %s is not a regular file."), path);
      close (fd);
      return -1;
    }
  if ((st->st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_PERMISSIONS,
                   _("The issuer key %s is open to other users (permissions %03o). Whoever can read it can issue certificates in its name, so Signaal will not use it. Restrict it to its owner with: chmod 600 %s"),
                   path, (guint) (st->st_mode & 0777), path);
      close (fd);
      return -1;
    }
  return fd;
}

static gboolean
read_key_file (int         fd,
               const char *path,
               char       *buffer,
               gsize      *length,
               GError    **error)
{
  g_autoptr(GError) read_error = NULL;

  if (sig_file_read_fd (fd, buffer, MAX_KEY_FILE_BYTES, length, &read_error))
    return TRUE;
  if (g_error_matches (read_error, SIG_FILE_ERROR, SIG_FILE_ERROR_TOO_LARGE))
    {
      g_autofree char *limit = g_format_size (MAX_KEY_FILE_BYTES);

      /* Translators: the second %s is a size such as "65.5 kB" */
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_INVALID,
                   _("The issuer key %s is too large to be a key file (a key file has at most %s)."), path, limit);
    }
  else
    g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                 _("Could not read the issuer key %s: %s"), path, read_error->message);
  return FALSE;
}

static gboolean
damaged (GError    **error,
         const char *path,
         const char *what)
{
  g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_INVALID,
               /* Translators: the second %s says what is wrong */
               _("The issuer key %s cannot be used: %s. Restore it from a backup, or create a new key (which changes the issuer's did:key)."),
               path, what);
  return FALSE;
}

/* A string value of the [Issuer] group, unescaped as GKeyFile does (\s \n
 * \t \r \\), into @value (NULL when absent). FALSE, with @error set, for a
 * value with any other escape, a backslash at its end or invalid UTF-8. This
 * is not g_key_file_get_string(): GLib 2.74 sets its GError twice (a GLib
 * warning) for a value with a bad escape and a backslash at the end. */
static gboolean
key_file_string (GKeyFile    *key_file,
                 const char  *path,
                 const char  *key,
                 char       **value,
                 GError     **error)
{
  char *raw = g_key_file_get_value (key_file, GROUP, key, NULL);
  g_autoptr(GString) text = NULL;
  gboolean ok = TRUE;

  *value = NULL;
  if (raw == NULL)
    return TRUE;
  text = g_string_sized_new (strlen (raw));
  for (const char *p = raw; ok && *p != '\0'; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (text, *p);
          continue;
        }
      switch (*++p)
        {
        case 's': g_string_append_c (text, ' '); break;
        case 'n': g_string_append_c (text, '\n'); break;
        case 't': g_string_append_c (text, '\t'); break;
        case 'r': g_string_append_c (text, '\r'); break;
        case '\\': g_string_append_c (text, '\\'); break;
        default: ok = FALSE; break;
        }
    }
  ok = ok && g_utf8_validate (text->str, (gssize) text->len, NULL);
  /* the value may be the secret key */
  sodium_memzero (raw, strlen (raw));
  g_free (raw);
  if (!ok)
    {
      g_autofree char *what = NULL;

      sodium_memzero (text->str, text->len);
      /* Translators: %s is the name of a line in the key file, such as "Name" */
      what = g_strdup_printf (_("the value of %s is not valid key file text"), key);
      return damaged (error, path, what);
    }
  *value = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

/* Decodes base64 strictly: exactly the canonical encoding of 32 bytes. */
static gboolean
decode_seed (const char *text,
             guint8      seed[SIG_ED25519_SEED_BYTES])
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  gsize length = 0;
  g_autofree guchar *decoded = NULL;
  g_autofree char *again = NULL;
  gboolean ok;

  if (strlen (trimmed) != 44)
    return FALSE;
  for (const char *p = trimmed; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '+' || *p == '/' || *p == '='))
      return FALSE;
  decoded = g_base64_decode (trimmed, &length);
  ok = length == SIG_ED25519_SEED_BYTES;
  if (ok)
    {
      again = g_base64_encode (decoded, length);
      ok = strcmp (again, trimmed) == 0;
    }
  if (ok)
    memcpy (seed, decoded, SIG_ED25519_SEED_BYTES);
  sodium_memzero (decoded, length);
  return ok;
}

SigIssuer *
sig_issuer_new_from_key_data (const char  *path,
                              const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *did = NULL;
  g_auto(GStrv) keys = NULL;
  SigIssuerKind kind;
  guint8 seed[SIG_ED25519_SEED_BYTES];
  SigIssuer *issuer;

  if (!g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_KEEP_TRANSLATIONS, &local_error))
    {
      damaged (error, path, local_error->message);
      return NULL;
    }
  if (!g_key_file_has_group (key_file, GROUP))
    {
      damaged (error, path, _("it has no [Issuer] group"));
      return NULL;
    }

  if (!key_file_string (key_file, path, "Kind", &kind_text, error))
    return NULL;
  if (kind_text == NULL || strcmp (kind_text, "organisation") == 0)
    kind = SIG_ISSUER_KIND_ORGANISATION;
  else if (strcmp (kind_text, "installation") == 0)
    kind = SIG_ISSUER_KIND_INSTALLATION;
  else
    {
      damaged (error, path, _("Kind must be “organisation” or “installation”"));
      return NULL;
    }

  if (!key_file_string (key_file, path, "Name", &name, error))
    return NULL;
  if (name != NULL)
    g_strstrip (name);
  if (kind == SIG_ISSUER_KIND_ORGANISATION && (name == NULL || *name == '\0'))
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_INVALID,
                   _("The issuer key %s has no name. Add the organisation's name under [Issuer], e.g. Name=Voorbeeldvereniging Kappers"),
                   path);
      return NULL;
    }

  if (!key_file_string (key_file, path, "SecretKey", &secret, error))
    return NULL;
  if (secret == NULL)
    {
      damaged (error, path, _("it has no SecretKey"));
      return NULL;
    }
  if (!decode_seed (secret, seed))
    {
      sodium_memzero (secret, strlen (secret));
      damaged (error, path, _("SecretKey is not the base64 encoding of 32 bytes"));
      return NULL;
    }
  sodium_memzero (secret, strlen (secret));

  issuer = sig_issuer_new_from_seed (seed, kind, name);
  sodium_memzero (seed, sizeof seed);
  issuer->path = g_strdup (path);

  if (!key_file_string (key_file, path, "DID", &did, error))
    {
      g_object_unref (issuer);
      return NULL;
    }
  if (did != NULL && strcmp (g_strstrip (did), issuer->did) != 0)
    {
      g_object_unref (issuer);
      damaged (error, path, _("its DID does not belong to its SecretKey"));
      return NULL;
    }

  keys = g_key_file_get_keys (key_file, GROUP, NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++)
    {
      const char *open = strchr (keys[i], '[');

      if (g_str_has_prefix (keys[i], "Name[") && open && g_str_has_suffix (keys[i], "]"))
        {
          g_autofree char *language = g_strndup (open + 1, strlen (open + 1) - 1);
          g_autofree char *value = NULL;

          if (!key_file_string (key_file, path, keys[i], &value, error))
            {
              g_object_unref (issuer);
              return NULL;
            }

          if (value != NULL && *g_strstrip (value) != '\0')
            g_hash_table_replace (issuer->names, g_steal_pointer (&language), g_steal_pointer (&value));
        }
    }

  return issuer;
}

/**
 * sig_issuer_new_from_key_file:
 * @path: a key file
 * @error: a #GError
 *
 * Loads an issuer key file. Refuses a file that its group or others can read
 * (%SIG_CERTIFICATE_ERROR_KEY_PERMISSIONS): whoever can read the key can issue
 * certificates in the issuer's name.
 *
 * Returns: (transfer full) (nullable): the issuer
 */
SigIssuer *
sig_issuer_new_from_key_file (const char  *path,
                              GError     **error)
{
  struct stat st;
  char *buffer;
  gsize length = 0;
  SigIssuer *issuer = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  sig_crypto_init ();

  fd = open_key_file (path, &st, error);
  if (fd < 0)
    return NULL;

  buffer = sodium_malloc (MAX_KEY_FILE_BYTES + 1);
  if (buffer == NULL)
    g_error ("Out of secure memory for the issuer key");
  if (read_key_file (fd, path, buffer, &length, error))
    issuer = sig_issuer_new_from_key_data (path, buffer, length, error);
  close (fd);
  sodium_free (buffer);

  if (issuer != NULL)
    issuer->source = SIG_ISSUER_SOURCE_EXPLICIT;
  return issuer;
}

static char *
key_file_contents (const guint8  seed[SIG_ED25519_SEED_BYTES],
                   SigIssuerKind kind,
                   const char   *name,
                   const char   *did)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *encoded = g_base64_encode (seed, SIG_ED25519_SEED_BYTES);
  char *contents;

  g_key_file_set_comment (key_file, NULL, NULL,
                          " Signaal certificate issuer key.\n"
                          " Whoever has this file can issue certificates in the issuer's name:\n"
                          " keep it readable by its owner only (chmod 600), and keep a backup\n"
                          " in a safe place. Publish only the DID.",
                          NULL);
  g_key_file_set_string (key_file, GROUP, "Kind",
                         kind == SIG_ISSUER_KIND_INSTALLATION ? "installation" : "organisation");
  if (name != NULL)
    g_key_file_set_string (key_file, GROUP, "Name", name);
  g_key_file_set_string (key_file, GROUP, "DID", did);
  g_key_file_set_string (key_file, GROUP, "SecretKey", encoded);
  g_key_file_set_string (key_file, GROUP, "Created", created);
  sodium_memzero (encoded, strlen (encoded));

  contents = g_key_file_to_data (key_file, NULL, NULL);
  g_key_file_remove_key (key_file, GROUP, "SecretKey", NULL);
  return contents;
}

static gboolean
write_all_and_sync (int          fd,
                    const char  *contents,
                    const char  *path,
                    GError     **error)
{
  gsize length = strlen (contents);
  gsize done = 0;

  while (done < length)
    {
      gssize n = write (fd, contents + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                       _("Could not write the issuer key %s: %s"), path, g_strerror (saved_errno));
          return FALSE;
        }
      done += (gsize) n;
    }
  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                   _("Could not write the issuer key %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * sig_issuer_create_key_file:
 * @path: where to write the new key; must not exist
 * @name: the organisation's name as certificates show it
 * @error: a #GError
 *
 * Makes a new organisation key and writes it to @path with permissions 0600.
 * Never overwrites a file (%SIG_CERTIFICATE_ERROR_KEY_EXISTS): a lost key cannot
 * be recovered, and certificates made with it would no longer match a new one.
 *
 * Returns: (transfer full) (nullable): the new issuer
 */
SigIssuer *
sig_issuer_create_key_file (const char  *path,
                            const char  *name,
                            GError     **error)
{
  guint8 seed[SIG_ED25519_SEED_BYTES];
  g_autoptr(SigIssuer) issuer = NULL;
  g_autofree char *stripped = NULL;
  char *contents;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  stripped = g_strstrip (g_strdup (name ? name : ""));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL) || strchr (stripped, '\n'))
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_INVALID,
                   _("An organisation key needs the organisation's name, on one line."));
      return NULL;
    }

  sig_crypto_init ();
  randombytes_buf (seed, sizeof seed);
  issuer = sig_issuer_new_from_seed (seed, SIG_ISSUER_KIND_ORGANISATION, stripped);

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      sodium_memzero (seed, sizeof seed);
      if (saved_errno == EEXIST)
        g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_EXISTS,
                     _("%s already exists. Signaal does not overwrite an issuer key: move it away first if you really mean to replace it."),
                     path);
      else
        g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                     _("Could not create the issuer key %s: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  contents = key_file_contents (seed, SIG_ISSUER_KIND_ORGANISATION, stripped, issuer->did);
  sodium_memzero (seed, sizeof seed);
  ok = write_all_and_sync (fd, contents, path, error);
  sodium_memzero (contents, strlen (contents));
  g_free (contents);
  close (fd);
  if (!ok)
    {
      g_unlink (path);
      return NULL;
    }

  issuer->path = g_strdup (path);
  issuer->source = SIG_ISSUER_SOURCE_EXPLICIT;
  return g_steal_pointer (&issuer);
}

static SigIssuer *
create_installation_key (const char  *directory,
                         const char  *path,
                         GError     **error)
{
  guint8 seed[SIG_ED25519_SEED_BYTES];
  g_autoptr(SigIssuer) issuer = NULL;
  g_autofree char *template = NULL;
  char *contents;
  gboolean ok;
  int fd;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                   _("Could not create the folder %s for the issuer key: %s"),
                   directory, g_strerror (saved_errno));
      return NULL;
    }

  randombytes_buf (seed, sizeof seed);
  issuer = sig_issuer_new_from_seed (seed, SIG_ISSUER_KIND_INSTALLATION, NULL);

  /* Write a temporary file and link it into place: a second Signaal process doing
   * the same at the same time finds the first one's key instead of replacing it. */
  template = g_build_filename (directory, ".issuer-key-XXXXXX", NULL);
  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      sodium_memzero (seed, sizeof seed);
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                   _("Could not create the issuer key in %s: %s"), directory, g_strerror (saved_errno));
      return NULL;
    }
  contents = key_file_contents (seed, SIG_ISSUER_KIND_INSTALLATION, NULL, issuer->did);
  sodium_memzero (seed, sizeof seed);
  ok = write_all_and_sync (fd, contents, template, error);
  sodium_memzero (contents, strlen (contents));
  g_free (contents);
  close (fd);

  if (ok && link (template, path) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        {
          g_unlink (template);
          return sig_issuer_new_from_key_file (path, error);
        }
      /* Some file systems have no hard links. */
      if (g_rename (template, path) != 0)
        {
          saved_errno = errno;
          g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                       _("Could not create the issuer key %s: %s"), path, g_strerror (saved_errno));
          ok = FALSE;
        }
    }
  g_unlink (template);
  if (!ok)
    return NULL;

  issuer->path = g_strdup (path);
  return g_steal_pointer (&issuer);
}

/**
 * sig_issuer_load_or_create_installation_key:
 * @directory: (nullable): the folder of the key; %NULL for the user data
 *   directory's "signaal" folder
 * @error: a #GError
 *
 * Loads this installation's own issuer key, making it on first use. Its
 * certificates prove only that this installation issued them.
 *
 * Returns: (transfer full) (nullable): the issuer
 */
SigIssuer *
sig_issuer_load_or_create_installation_key (const char  *directory,
                                            GError     **error)
{
  g_autofree char *default_directory = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  SigIssuer *issuer;

  if (directory == NULL)
    directory = default_directory = g_build_filename (g_get_user_data_dir (), "signaal", NULL);
  path = g_build_filename (directory, SIG_ISSUER_INSTALLATION_KEY_NAME, NULL);

  issuer = sig_issuer_new_from_key_file (path, &local_error);
  if (issuer == NULL && g_error_matches (local_error, SIG_CERTIFICATE_ERROR,
                                         SIG_CERTIFICATE_ERROR_KEY_NOT_FOUND))
    {
      g_clear_error (&local_error);
      issuer = create_installation_key (directory, path, &local_error);
    }
  if (issuer == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  issuer->source = SIG_ISSUER_SOURCE_INSTALLATION;
  return issuer;
}

SigIssuer *
sig_issuer_lookup_in (const char         *explicit_path,
                      const char         *environment_path,
                      const char * const *system_dirs,
                      const char         *installation_dir,
                      GError            **error)
{
  SigIssuer *issuer;

  if (explicit_path != NULL)
    return sig_issuer_new_from_key_file (explicit_path, error);

  if (environment_path != NULL && *environment_path != '\0')
    {
      issuer = sig_issuer_new_from_key_file (environment_path, error);
      if (issuer != NULL)
        issuer->source = SIG_ISSUER_SOURCE_ENVIRONMENT;
      return issuer;
    }

  for (guint i = 0; system_dirs && system_dirs[i]; i++)
    {
      g_autofree char *path = g_build_filename (system_dirs[i], "signaal",
                                                SIG_ISSUER_SYSTEM_KEY_NAME, NULL);
      g_autoptr(GError) local_error = NULL;

      issuer = sig_issuer_new_from_key_file (path, &local_error);
      if (issuer != NULL)
        {
          issuer->source = SIG_ISSUER_SOURCE_SYSTEM;
          return issuer;
        }
      if (g_error_matches (local_error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_NOT_FOUND))
        continue;
      /* An organisation key that belongs to another account (the supervised exam
       * account, say): this account issues its own self-study certificates. */
      if (g_error_matches (local_error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_KEY_PERMISSIONS) &&
          g_access (path, R_OK) != 0)
        {
          g_debug ("%s", local_error->message);
          continue;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return sig_issuer_load_or_create_installation_key (installation_dir, error);
}

/**
 * sig_issuer_lookup:
 * @explicit_path: (nullable): a key file named by the user
 * @error: a #GError
 *
 * Finds the key to issue certificates with, in this order: @explicit_path; the
 * file named by $SIGNAAL_ISSUER_KEY_FILE; signaal/issuer.key in the system
 * configuration directories (/etc/xdg/signaal/issuer.key), skipping one this
 * account may not read; this installation's own key, made on first use.
 *
 * Returns: (transfer full) (nullable): the issuer
 */
SigIssuer *
sig_issuer_lookup (const char  *explicit_path,
                   GError     **error)
{
  return sig_issuer_lookup_in (explicit_path, g_getenv (SIG_ISSUER_KEY_FILE_ENV),
                               g_get_system_config_dirs (), NULL, error);
}

const char *
sig_issuer_get_did (SigIssuer *self)
{
  g_return_val_if_fail (SIG_IS_ISSUER (self), NULL);
  return self->did;
}

/* "did:key:z6Mk...#z6Mk...": the key's id as a proof names it. */
const char *
sig_issuer_get_verification_method (SigIssuer *self)
{
  g_return_val_if_fail (SIG_IS_ISSUER (self), NULL);
  return self->verification_method;
}

const guint8 *
sig_issuer_get_public_key (SigIssuer *self)
{
  g_return_val_if_fail (SIG_IS_ISSUER (self), NULL);
  return self->public_key;
}

SigIssuerKind
sig_issuer_get_kind (SigIssuer *self)
{
  g_return_val_if_fail (SIG_IS_ISSUER (self), SIG_ISSUER_KIND_INSTALLATION);
  return self->kind;
}

SigIssuerSource
sig_issuer_get_source (SigIssuer *self)
{
  g_return_val_if_fail (SIG_IS_ISSUER (self), SIG_ISSUER_SOURCE_MEMORY);
  return self->source;
}

/* Returns: (nullable): the key file, or %NULL for a key made in memory */
const char *
sig_issuer_get_path (SigIssuer *self)
{
  g_return_val_if_fail (SIG_IS_ISSUER (self), NULL);
  return self->path;
}

/**
 * sig_issuer_get_name:
 * @language: (nullable): "nl", "en", ...
 *
 * Returns: (nullable): the Name[@language] of the key file, else its Name
 */
const char *
sig_issuer_get_name (SigIssuer  *self,
                     const char *language)
{
  const char *name = NULL;

  g_return_val_if_fail (SIG_IS_ISSUER (self), NULL);

  if (language != NULL)
    name = g_hash_table_lookup (self->names, language);
  return name ? name : self->name;
}

/**
 * sig_issuer_dup_display_name:
 *
 * Returns: (transfer full): the issuer's name as a certificate in @language shows
 *   it; for an installation key, a phrase saying it is unsupervised self-study.
 */
char *
sig_issuer_dup_display_name (SigIssuer  *self,
                             const char *language)
{
  const char *name;

  g_return_val_if_fail (SIG_IS_ISSUER (self), NULL);

  name = sig_issuer_get_name (self, language);
  if (self->kind == SIG_ISSUER_KIND_INSTALLATION || name == NULL)
    return g_strdup (sig_certificate_label (SIG_LABEL_SELF_STUDY_ISSUER, language));
  return g_strdup (name);
}

/**
 * sig_issuer_sign:
 * @message: what to sign
 * @signature: (out caller-allocates): the Ed25519 signature (RFC 8032, pure Ed25519)
 */
void
sig_issuer_sign (SigIssuer    *self,
                 const guint8 *message,
                 gsize         length,
                 guint8        signature[SIG_ED25519_SIGNATURE_BYTES])
{
  g_return_if_fail (SIG_IS_ISSUER (self));
  g_return_if_fail (message != NULL || length == 0);

  crypto_sign_detached (signature, NULL, message ? message : (const guint8 *) "", length,
                        self->secret_key);
}

/**
 * sig_ed25519_verify:
 *
 * Returns: %TRUE if @signature is a valid Ed25519 signature of @message by @public_key
 */
gboolean
sig_ed25519_verify (const guint8  public_key[SIG_ED25519_PUBLIC_KEY_BYTES],
                    const guint8 *message,
                    gsize         length,
                    const guint8  signature[SIG_ED25519_SIGNATURE_BYTES])
{
  sig_crypto_init ();
  return crypto_sign_verify_detached (signature, message ? message : (const guint8 *) "", length,
                                      public_key) == 0;
}
