/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Course packages as a hostile publisher would make them: signatures, who owns
 * a course id, versions, media that is not what it says, and an import that
 * installs exactly the bytes it checked. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sig-package-signature.h"
#include "sig-text.h"
#include "store-test-util.h"

#define ID "example-salon-basics"

static SigIssuer *
make_key (guint8      seed_byte,
          const char *name)
{
  guint8 seed[SIG_ED25519_SEED_BYTES];

  memset (seed, seed_byte, sizeof seed);
  return sig_issuer_new_from_seed (seed, SIG_ISSUER_KIND_ORGANISATION, name);
}

static GBytes *
read_bytes (const char *path)
{
  char *data = NULL;
  gsize length = 0;

  assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_bytes_new_take (data, length);
}

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL));
}

/* The example at @version, signed by @key (unsigned when NULL); with
 * @endorsement (nullable) in the signature. Returns the path. */
static char *
pack_signed (StoreFixture *fixture,
             const char   *version,
             SigIssuer    *key,
             const char   *endorsement)
{
  g_autofree char *unsigned_path = st_pack_example (fixture->dir, NULL, version);
  g_autoptr(GBytes) content = read_bytes (unsigned_path);
  g_autoptr(GBytes) signed_bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *endorsements[] = { endorsement, NULL };
  char *path;

  if (key == NULL)
    return g_steal_pointer (&unsigned_path);
  signed_bytes = sig_package_sign (content, ID, version, key, endorsement ? endorsements : NULL, NULL, &error);
  assert_non_null (signed_bytes);
  path = g_strdup_printf ("%s/signed-%s-%s.signaal", fixture->dir, sig_issuer_get_name (key, NULL), version);
  write_bytes (path, signed_bytes);
  return path;
}

/* Replaces the text @old by @new in the packed file @path (in place). */
static void
patch_package (const char *path,
               const char *old,
               const char *new_text)
{
  sig_test_patch_file (path, old, new_text);
}

static void
test_signature_covers_every_byte (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigIssuer) key = make_key (1, "A");
  g_autofree char *path = pack_signed (fixture, "1.2.0", key, NULL);
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(SigPackageSignature) signature = sig_package_signature_read (bytes);
  gsize length = g_bytes_get_size (bytes);

  assert_int_equal (signature->state, SIG_PACKAGE_VALID);
  assert_string_equal (signature->publisher_did, sig_issuer_get_did (key));
  assert_string_equal (signature->publisher_name, "A");
  assert_string_equal (signature->course_id, ID);

  /* Any changed byte: NOT VALID (a sample of positions across the file,
   * the course text, the media and the trailer). */
  for (gsize i = 0; i < length; i += MAX (1, length / 97))
    {
      g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), length);
      g_autoptr(GBytes) changed = NULL;
      g_autoptr(SigPackageSignature) check = NULL;

      copy[i] ^= 0x01;
      changed = g_bytes_new (copy, length);
      check = sig_package_signature_read (changed);
      if (check->state == SIG_PACKAGE_VALID)
        fail_msg ("a change at byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " still verifies", i, length);
    }
  /* Something appended after the signature: NOT VALID. */
  {
    g_autoptr(GByteArray) longer = g_byte_array_new ();
    g_autoptr(GBytes) appended = NULL;
    g_autoptr(SigPackageSignature) check = NULL;

    g_byte_array_append (longer, g_bytes_get_data (bytes, NULL), (guint) length);
    g_byte_array_append (longer, (const guint8 *) "<!-- -->\n", 9);
    appended = g_byte_array_free_to_bytes (g_steal_pointer (&longer));
    check = sig_package_signature_read (appended);
    assert_int_equal (check->state, SIG_PACKAGE_NOT_VALID);
  }
  st_fixture_free (fixture);
}

static void
test_ownership (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(SigIssuer) a = make_key (1, "A");
  g_autoptr(SigIssuer) b = make_key (2, "B");
  g_autofree char *a120 = pack_signed (fixture, "1.2.0", a, NULL);
  g_autofree char *b130 = pack_signed (fixture, "1.3.0", b, NULL);
  g_autofree char *u140 = pack_signed (fixture, "1.4.0", NULL, NULL);
  g_autofree char *a130 = pack_signed (fixture, "1.3.0", a, NULL);
  g_autofree char *endorsement = sig_package_endorse (a, sig_issuer_get_did (b), NULL, NULL);
  g_autofree char *b140 = pack_signed (fixture, "1.4.0", b, endorsement);
  g_autoptr(SigLibraryCourse) entry = NULL;
  g_autoptr(GError) error = NULL;
  SigImportResult result;

  assert_true (sig_store_import_course (store, a120, &result, &entry, &error));
  assert_string_equal (sig_library_course_get_publisher_did (entry), sig_issuer_get_did (a));
  assert_int_equal (sig_library_course_get_publisher_state (entry), SIG_PUBLISHER_SIGNED);
  g_clear_object (&entry);

  /* Another key, or no key: refused, naming the owner and the signer. */
  assert_false (sig_store_import_course (store, b130, &result, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_OWNER));
  assert_non_null (strstr (error->message, sig_issuer_get_did (a)));
  assert_non_null (strstr (error->message, sig_issuer_get_did (b)));
  g_clear_error (&error);
  assert_false (sig_store_import_course (store, u140, &result, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_OWNER));
  g_clear_error (&error);
  entry = sig_store_get_library_course (store, ID, &error);
  assert_string_equal (sig_library_course_get_version (entry), "1.2.0");
  g_clear_object (&entry);

  /* The owner updates; a key the owner endorsed updates too (rotation). */
  assert_true (sig_store_import_course (store, a130, &result, NULL, &error));
  assert_int_equal (result, SIG_IMPORT_UPDATED);
  assert_true (sig_store_import_course (store, b140, &result, &entry, &error));
  assert_int_equal (result, SIG_IMPORT_UPDATED);
  assert_string_equal (sig_library_course_get_publisher_did (entry), sig_issuer_get_did (b));
  g_clear_object (&entry);

  /* Removed, the id stays with its owner. */
  assert_true (sig_store_remove_course (store, ID, &error));
  assert_false (sig_store_import_course (store, u140, &result, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_OWNER));
  g_clear_error (&error);
  st_fixture_free (fixture);
}

static void
test_unsigned_and_bundled (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = NULL;
  g_autoptr(SigIssuer) project = make_key (7, "Signaal");
  g_autoptr(SigIssuer) a = make_key (1, "A");
  g_autofree char *u130 = pack_signed (fixture, "1.3.0", NULL, NULL);
  g_autofree char *a140 = pack_signed (fixture, "1.4.0", a, NULL);
  g_autofree char *p150 = pack_signed (fixture, "1.5.0", project, NULL);
  g_autofree char *example = sig_test_example_dir ();
  g_autofree char *bundled = g_build_filename (fixture->data_dir, "courses", "example", NULL);
  g_autofree char *publishers = g_build_filename (fixture->data_dir, "publishers", NULL);
  g_autofree char *project_file = g_build_filename (publishers, SIG_PROJECT_PUBLISHER_FILE, NULL);
  g_autofree char *project_text = g_strdup_printf ("[Publisher]\nId=%s\nName=Signaal\n", sig_issuer_get_did (project));
  g_autoptr(SigLibraryCourse) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  SigImportResult result;

  assert_int_equal (symlink (example, bundled), 0);
  assert_int_equal (g_mkdir_with_parents (publishers, 0700), 0);
  assert_true (g_file_set_contents (project_file, project_text, -1, NULL));
  sig_publisher_reset_trust ();
  store = st_open (fixture);

  entry = sig_store_get_library_course (store, ID, &error);
  assert_non_null (entry);
  assert_int_equal (sig_library_course_get_publisher_state (entry), SIG_PUBLISHER_VERIFIED);
  assert_string_equal (sig_library_course_get_publisher_did (entry), sig_issuer_get_did (project));
  g_clear_object (&entry);

  /* A bundled id: neither an unsigned nor another publisher's package takes it. */
  assert_false (sig_store_import_course (store, u130, &result, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_OWNER));
  g_clear_error (&error);
  assert_false (sig_store_import_course (store, a140, &result, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_NOT_OWNER));
  g_clear_error (&error);
  entry = sig_store_get_library_course (store, ID, &error);
  assert_true (sig_library_course_get_bundled (entry));
  g_clear_object (&entry);
  /* The project's own key updates it. */
  assert_true (sig_store_import_course (store, p150, &result, &entry, &error));
  assert_string_equal (sig_library_course_get_version (entry), "1.5.0");
  assert_int_equal (sig_library_course_get_publisher_state (entry), SIG_PUBLISHER_VERIFIED);
  g_clear_object (&entry);
  g_clear_object (&store);
  st_fixture_free (fixture);

  /* Without a bundled course: an unsigned package installs as unverified. */
  fixture = st_fixture_new ();
  sig_publisher_reset_trust ();
  store = st_open (fixture);
  {
    g_autofree char *u = pack_signed (fixture, "1.3.0", NULL, NULL);

    assert_true (sig_store_import_course (store, u, &result, &entry, &error));
    assert_int_equal (sig_library_course_get_publisher_state (entry), SIG_PUBLISHER_UNVERIFIED);
    assert_null (sig_library_course_get_publisher_did (entry));
    line = sig_library_course_dup_publisher_line (entry, "en");
    assert_string_equal (line, "Unverified publisher");
    g_clear_object (&entry);
  }
  st_fixture_free (fixture);
}

static void
test_trusted_publishers (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(SigIssuer) a = make_key (1, "Beroepsvereniging");
  g_autofree char *a120 = pack_signed (fixture, "1.2.0", a, NULL);
  g_autofree char *config = g_build_filename (fixture->dir, "etc-xdg", NULL);
  g_autofree char *publishers = g_build_filename (config, "signaal", "publishers", NULL);
  g_autofree char *file = g_build_filename (publishers, "vereniging.publisher", NULL);
  g_autofree char *text = g_strdup_printf ("[Publisher]\nId=%s\nName=De Vereniging\n", sig_issuer_get_did (a));
  g_autoptr(SigLibraryCourse) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  sig_publisher_reset_trust ();
  assert_true (sig_store_import_course (store, a120, NULL, &entry, &error));
  assert_int_equal (sig_library_course_get_publisher_state (entry), SIG_PUBLISHER_SIGNED);

  assert_int_equal (g_mkdir_with_parents (publishers, 0700), 0);
  assert_true (g_file_set_contents (file, text, -1, NULL));
  g_setenv ("XDG_CONFIG_DIRS", config, TRUE);
  /* GLib caches the system folders: the test runs this in a child. */
  if (g_strcmp0 (g_get_system_config_dirs ()[0], config) == 0)
    {
      sig_publisher_reset_trust ();
      assert_int_equal (sig_library_course_get_publisher_state (entry), SIG_PUBLISHER_VERIFIED);
      line = sig_library_course_dup_publisher_line (entry, "en");
      assert_string_equal (line, "Published by De Vereniging — verified");
    }
  else
    {
      g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_autoptr(GSubprocess) child = NULL;
      g_autofree char *db = g_strdup (fixture->db_path);

      g_subprocess_launcher_setenv (launcher, "SIGNAAL_TRUST_CHILD_DB", db, TRUE);
      child = g_subprocess_launcher_spawn (launcher, &error, program, NULL);
      assert_non_null (child);
      assert_true (g_subprocess_wait_check (child, NULL, &error));
    }
  g_unsetenv ("XDG_CONFIG_DIRS");
  st_fixture_free (fixture);
}

/* In the child of test_trusted_publishers: the store it made, with
 * XDG_CONFIG_DIRS pointing at a folder that trusts publisher A. */
static int
trust_child (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SigStore) store = sig_store_open (db_path, SIG_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(SigLibraryCourse) entry = NULL;
  g_autofree char *line = NULL;

  if (store == NULL || (entry = sig_store_get_library_course (store, ID, &error)) == NULL)
    return 3;
  line = sig_library_course_dup_publisher_line (entry, "en");
  if (sig_library_course_get_publisher_state (entry) != SIG_PUBLISHER_VERIFIED ||
      g_strcmp0 (line, "Published by De Vereniging — verified") != 0)
    {
      g_printerr ("child: %s\n", line);
      return 4;
    }
  return 0;
}

static void
test_strict_versions (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autofree char *absurd = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autoptr(GError) error = NULL;
  guint parts[3];

  patch_package (absurd, "version=\"1.2.0\"", "version=\"99999999999999999999999999.0.0\"");
  assert_false (sig_store_import_course (store, absurd, NULL, NULL, &error));
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID));
  assert_non_null (strstr (error->message, "99999999999999999999999999.0.0"));
  assert_true (sig_version_parse ("999999.0.12", parts));
  assert_int_equal (parts[0], 999999);
  assert_false (sig_version_parse ("1000000.0.0", parts));
  assert_false (sig_version_parse ("1.2", parts));
  assert_false (sig_version_parse ("1.2.3.4", parts));
  assert_false (sig_version_parse ("01.2.3", parts));
  assert_false (sig_version_parse ("+1.2.3", parts));
  assert_false (sig_version_parse ("1.2.3 ", parts));
  st_fixture_free (fixture);
}

/* ---- Media ----------------------------------------------------------------- */

/* The packed base64 of media/salon.png replaced by @data, declared as @type
 * under @path (the course's references follow). */
static char *
package_with_media (StoreFixture *fixture,
                    const char   *name,
                    const char   *path,
                    const char   *type,
                    const guint8 *data,
                    gsize         length)
{
  g_autofree char *file = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *contents = NULL;
  g_autofree char *encoded = g_base64_encode (data, length);
  g_autoptr(GString) out = NULL;
  char *start, *end, *result;

  assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  out = g_string_new (contents);
  start = strstr (out->str, "<file path=\"media/salon.png\"");
  assert_non_null (start);
  end = strstr (start, "</file>");
  {
    gssize at = start - out->str;
    g_autofree char *element = g_strdup_printf ("<file path=\"%s\" type=\"%s\">%s", path, type, encoded);

    g_string_erase (out, at, end - start);
    g_string_insert (out, at, element);
  }
  if (!g_str_equal (path, "media/salon.png"))
    {
      /* the course refers to the new path */
      while ((start = strstr (out->str, "src=\"media/salon.png\"")) != NULL)
        {
          gssize at = start - out->str;
          g_autofree char *attribute = g_strdup_printf ("src=\"%s\"", path);

          g_string_erase (out, at, strlen ("src=\"media/salon.png\""));
          g_string_insert (out, at, attribute);
        }
    }
  result = g_build_filename (fixture->dir, name, NULL);
  assert_true (g_file_set_contents (result, out->str, (gssize) out->len, NULL));
  return result;
}

static void
expect_refused (SigStore   *store,
                const char *path,
                const char *needle)
{
  g_autoptr(GError) error = NULL;

  if (sig_store_import_course (store, path, NULL, NULL, &error))
    fail_msg ("%s was imported", path);
  assert_true (g_error_matches (error, SIG_STORE_ERROR, SIG_STORE_ERROR_COURSE_INVALID));
  if (needle != NULL && strstr (error->message, needle) == NULL)
    fail_msg ("“%s” not in: %s", needle, error->message);
}

static void
test_media_must_be_what_it_says (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  static const char xpm[] = "/* XPM */\nstatic char *x[] = {\"1 1 1 1\", \"a c #ff0000\", \"a\"};\n";
  static const guint8 png_header[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 6, 0, 0, 0, 0, 0, 0, 0, 0 };   /* 30000 × 30000 */
  static const char svg_link[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\">"
    "<image xlink:href=\"file:///etc/passwd\" width=\"10\" height=\"10\"/></svg>";
  static const char svg_style[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>rect { fill: url(https://example.org/x.svg#p) }</style></svg>";
  static const char svg_doctype[] =
    "<!DOCTYPE svg [<!ENTITY a \"b\">]><svg xmlns=\"http://www.w3.org/2000/svg\"/>";
  guint8 random_bytes[256];
  g_autofree guint8 *big = g_malloc0 (5 * 1024 * 1024);
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *p4 = NULL, *p5 = NULL, *p6 = NULL, *p7 = NULL, *p8 = NULL, *p9 = NULL;
  gint64 started;

  for (guint i = 0; i < sizeof random_bytes; i++)
    random_bytes[i] = (guint8) g_random_int ();
  random_bytes[0] = 'x';

  p1 = package_with_media (fixture, "xpm-as-svg.signaal", "media/salon.svg", "image/svg+xml", (const guint8 *) xpm, strlen (xpm));
  expect_refused (store, p1, "media/salon.svg");
  p2 = package_with_media (fixture, "png-as-svg.signaal", "media/salon.svg", "image/svg+xml", png_header, sizeof png_header);
  expect_refused (store, p2, "media/salon.svg");
  p3 = package_with_media (fixture, "xpm-as-webp.signaal", "media/salon.webp", "image/webp", (const guint8 *) xpm, strlen (xpm));
  expect_refused (store, p3, "media/salon.webp");
  p4 = package_with_media (fixture, "random-as-webp.signaal", "media/salon.webp", "image/webp", random_bytes, sizeof random_bytes);
  expect_refused (store, p4, "media/salon.webp");
  p5 = package_with_media (fixture, "svg-link.signaal", "media/salon.svg", "image/svg+xml", (const guint8 *) svg_link, strlen (svg_link));
  expect_refused (store, p5, "outside itself");
  p6 = package_with_media (fixture, "svg-style.signaal", "media/salon.svg", "image/svg+xml", (const guint8 *) svg_style, strlen (svg_style));
  expect_refused (store, p6, "outside itself");
  p7 = package_with_media (fixture, "svg-doctype.signaal", "media/salon.svg", "image/svg+xml", (const guint8 *) svg_doctype, strlen (svg_doctype));
  expect_refused (store, p7, "DOCTYPE");

  /* 30000 × 30000 pixels: refused from the header, without decoding. */
  started = g_get_monotonic_time ();
  p8 = package_with_media (fixture, "huge-png.signaal", "media/salon.png", "image/png", png_header, sizeof png_header);
  expect_refused (store, p8, "30000 × 30000");
  assert_true (g_get_monotonic_time () - started < 20 * G_USEC_PER_SEC);

  /* A picture over the media size limit: refused at import as at pack. */
  memcpy (big, png_header, sizeof png_header);
  big[18] = 0; big[19] = 10; big[22] = 0; big[23] = 10;    /* 10 × 10 */
  p9 = package_with_media (fixture, "big-png.signaal", "media/salon.png", "image/png", big, 5 * 1024 * 1024);
  expect_refused (store, p9, "media/salon.png");
  st_fixture_free (fixture);
}

static void
test_duplicate_media_refused (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autofree char *file = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *contents = NULL;
  g_autoptr(GString) out = NULL;
  char *start, *end;

  assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  out = g_string_new (contents);
  start = strstr (out->str, "<file path=\"media/salon.png\"");
  end = strstr (start, "</file>") + strlen ("</file>");
  {
    g_autofree char *element = g_strndup (start, end - start);

    g_string_insert (out, end - out->str, element);
  }
  assert_true (g_file_set_contents (file, out->str, (gssize) out->len, NULL));
  expect_refused (store, file, "twice");
  st_fixture_free (fixture);
}

/* ---- Read once ------------------------------------------------------------- */

typedef struct {
  char *fifo;
  GBytes *good;
  GBytes *evil;
  gboolean evil_written;
} Swap;

static gpointer
swap_writer (gpointer data)
{
  Swap *swap = data;
  int fd = open (swap->fifo, O_WRONLY);
  gint64 deadline;

  /* First open: the good package. */
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, g_bytes_get_data (swap->good, NULL), g_bytes_get_size (swap->good)), ==,
                   (gssize) g_bytes_get_size (swap->good));
  close (fd);
  /* A second open, if the importer reads the file again: another package.
   * (Wait until the first reader has drained the pipe and closed it.) */
  g_usleep (300000);
  deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      fd = open (swap->fifo, O_WRONLY | O_NONBLOCK);
      if (fd >= 0)
        {
          int flags = fcntl (fd, F_GETFL);

          fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
          if (write (fd, g_bytes_get_data (swap->evil, NULL), g_bytes_get_size (swap->evil)) > 0)
            swap->evil_written = TRUE;
          close (fd);
          break;
        }
      g_usleep (10000);
    }
  return NULL;
}

static void
test_import_reads_once (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autofree char *good_path = st_pack_example (fixture->dir, NULL, "1.2.0");
  g_autofree char *evil_path = st_pack_example_patched (fixture->dir, "evil.signaal", "Signaleren in de salon", "Vergeten in de salon");
  g_autoptr(SigLibraryCourse) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) installed = NULL;
  Swap swap = { 0 };
  GThread *thread;

  swap.fifo = g_build_filename (fixture->dir, "swap.signaal", NULL);
  swap.good = read_bytes (good_path);
  swap.evil = read_bytes (evil_path);
  assert_false (g_bytes_equal (swap.good, swap.evil));
  assert_int_equal (mkfifo (swap.fifo, 0600), 0);
  thread = g_thread_new ("swap", swap_writer, &swap);

  if (!sig_store_import_course (store, swap.fifo, NULL, &entry, &error))
    fail_msg ("import: %s", error->message);
  g_thread_join (thread);
  installed = read_bytes (sig_library_course_get_path (entry));
  /* What was checked is what was installed. */
  assert_true (g_bytes_equal (installed, swap.good));
  assert_false (swap.evil_written);

  g_free (swap.fifo);
  g_bytes_unref (swap.good);
  g_bytes_unref (swap.evil);
  st_fixture_free (fixture);
}

static void
test_preview (void **state)
{
  StoreFixture *fixture = st_fixture_new ();
  g_autoptr(SigStore) store = st_open (fixture);
  g_autoptr(SigIssuer) a = make_key (1, "A\x1b[31m");
  g_autoptr(SigIssuer) b = make_key (2, "B");
  g_autofree char *a120 = pack_signed (fixture, "1.2.0", a, NULL);
  g_autofree char *a130 = pack_signed (fixture, "1.3.0", a, NULL);
  g_autofree char *b140 = pack_signed (fixture, "1.4.0", b, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SigPackagePreview *preview;

  bytes = read_bytes (a120);
  preview = sig_store_preview_package (store, bytes, a120, "en", &error);
  assert_non_null (preview);
  assert_string_equal (preview->course_id, ID);
  assert_int_equal (preview->state, SIG_PUBLISHER_SIGNED);
  assert_string_equal (preview->publisher_did, sig_issuer_get_did (a));
  assert_null (strchr (preview->signer_name, '\x1b'));
  assert_null (preview->replaces_title);
  assert_null (preview->refusal);
  assert_string_equal (preview->title, "Noticing in the salon: the basics");
  sig_package_preview_free (preview);
  /* In the learner's language. */
  preview = sig_store_preview_package (store, bytes, a120, "nl", &error);
  assert_string_equal (preview->title, "Signaleren in de salon: de basis");
  sig_package_preview_free (preview);
  /* Nothing was installed by the preview. */
  assert_null (sig_store_get_library_course (store, ID, NULL));

  assert_true (sig_store_install_package (store, bytes, a120, NULL, NULL, &error));
  g_bytes_unref (bytes);
  bytes = read_bytes (a130);
  preview = sig_store_preview_package (store, bytes, a130, "en", &error);
  assert_string_equal (preview->replaces_version, "1.2.0");
  assert_null (preview->refusal);
  sig_package_preview_free (preview);
  g_bytes_unref (bytes);
  bytes = read_bytes (b140);
  preview = sig_store_preview_package (store, bytes, b140, "en", &error);
  assert_non_null (preview->refusal);
  assert_non_null (strstr (preview->refusal, sig_issuer_get_did (a)));
  sig_package_preview_free (preview);
  st_fixture_free (fixture);
}

static void
test_sanitize (void **state)
{
  g_autofree char *a = sig_text_sanitize (g_strdup ("Org\x1b[2K\rVALID\n\u202e"));
  g_autofree char *b = sig_text_sanitize_multiline (g_strdup ("a\nb\tc\x07"));

  assert_null (strchr (a, '\x1b'));
  assert_null (strchr (a, '\r'));
  assert_null (strchr (a, '\n'));
  assert_null (strstr (a, "\u202e"));
  assert_non_null (strstr (a, "Org"));
  assert_string_equal (b, "a\nb\tc\xef\xbf\xbd");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_signature_covers_every_byte),
    cmocka_unit_test (test_ownership),
    cmocka_unit_test (test_unsigned_and_bundled),
    cmocka_unit_test (test_trusted_publishers),
    cmocka_unit_test (test_strict_versions),
    cmocka_unit_test (test_media_must_be_what_it_says),
    cmocka_unit_test (test_duplicate_media_refused),
    cmocka_unit_test (test_import_reads_once),
    cmocka_unit_test (test_preview),
    cmocka_unit_test (test_sanitize),
  };

  if (g_getenv ("SIGNAAL_TRUST_CHILD_DB") != NULL)
    return trust_child (g_getenv ("SIGNAAL_TRUST_CHILD_DB"));
  st_isolate ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
