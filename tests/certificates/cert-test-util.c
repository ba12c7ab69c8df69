/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cert-test-util.h"

GDateTime *
cert_test_completed_at (void)
{
  return g_date_time_new_utc (2025, 3, 12, 10, 0, 0);
}

GDateTime *
cert_test_valid_until (void)
{
  return g_date_time_new_utc (2027, 3, 12, 10, 0, 0);
}

GDateTime *
cert_test_now (void)
{
  return g_date_time_new_utc (2026, 1, 15, 12, 0, 0);
}

SigCertificateClaims *
cert_test_claims (const char *language)
{
  SigCertificateClaims *claims = sig_certificate_claims_new ();
  gboolean nl = g_strcmp0 (language, "nl") == 0;

  claims->learner_name = g_strdup ("Fatima el Amrani-de Vries");
  claims->language = g_strdup (language);
  claims->course_id = g_strdup ("example-course");
  claims->course_version = g_strdup ("1.2.0");
  claims->course_title = g_strdup (nl ? "Signalen herkennen in de kapsalon"
                                      : "Recognising signs in the salon");
  claims->course_summary = g_strdup (nl ? "Wat je ziet en hoort, en wat je dan doet."
                                        : "What you see and hear, and what you do next.");
  claims->publisher_name = g_strdup (nl ? "Voorbeeldvereniging Kappers"
                                        : "Example Hairdressers' Association");
  claims->sectors = g_strsplit ("hair-beauty", " ", -1);
  claims->accreditation_points = 2;
  claims->accreditation_register = g_strdup (nl ? "Kwaliteitsregister Voorbeeld" : "Example quality register");
  claims->objectives = g_new0 (char *, 4);
  claims->objectives[0] = g_strdup (nl ? "Je herkent signalen van controle in wat een klant vertelt."
                                       : "You recognise signs of control in what a client says.");
  claims->objectives[1] = g_strdup (nl ? "Je vraagt rustig door zonder te oordelen."
                                       : "You ask gently, without judging.");
  claims->objectives[2] = g_strdup (nl ? "Je weet waar je naar kunt verwijzen, zoals Veilig Thuis."
                                       : "You know where to refer, such as Veilig Thuis.");
  claims->score_percent = 87.5;
  claims->pass_mark_percent = 70;
  claims->completed_at = cert_test_completed_at ();
  claims->valid_until = cert_test_valid_until ();
  claims->credential_id = g_strdup ("urn:uuid:0f8e6d1c-3b8a-4c5e-9f21-7a6b5c4d3e2f");
  return claims;
}

SigIssuer *
cert_test_issuer (void)
{
  guint8 seed[32];

  for (guint i = 0; i < 32; i++)
    seed[i] = (guint8) (i * 7 + 3);
  return sig_issuer_new_from_seed (seed, SIG_ISSUER_KIND_ORGANISATION, "Voorbeeldvereniging Kappers");
}

SigIssuer *
cert_test_other_issuer (void)
{
  guint8 seed[32];

  for (guint i = 0; i < 32; i++)
    seed[i] = (guint8) (255 - i);
  return sig_issuer_new_from_seed (seed, SIG_ISSUER_KIND_ORGANISATION, "Someone else");
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A logo: a disc with a letter-like bar; @noisy adds per-pixel noise so that it
 * does not compress (the worst case for the PDF's size). */
GBytes *
cert_test_png (int      width,
               int      height,
               gboolean noisy)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.95, 0.92, 0.85);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.55, 0.15, 0.25);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) * 0.4, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, width * 0.45, height * 0.25, width * 0.1, height * 0.5);
  cairo_fill (cr);
  cairo_destroy (cr);

  if (noisy)
    {
      GRand *rand = g_rand_new_with_seed (42);
      guint8 *data;
      int stride;

      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            guint32 *pixel = (guint32 *) (data + y * stride) + x;

            *pixel = 0xff000000u | (g_rand_int (rand) & 0x00ffffffu);
          }
      cairo_surface_mark_dirty (surface);
      g_rand_free (rand);
    }

  cairo_surface_write_to_png_stream (surface, append_bytes, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

char *
cert_test_tamper (const char *json,
                  const char *path,
                  const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) value_parser = json_parser_new ();
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  JsonNode *node;
  JsonNode *new_value;

  g_assert (json_parser_load_from_data (parser, json, -1, NULL));
  g_assert (json_parser_load_from_data (value_parser, value, -1, NULL));
  new_value = json_node_copy (json_parser_get_root (value_parser));
  node = json_parser_get_root (parser);

  for (guint i = 0; i < n; i++)
    {
      gboolean last = i + 1 == n;
      char *end = NULL;
      guint64 index = g_ascii_strtoull (parts[i], &end, 10);

      if (end != parts[i] && *end == '\0')
        {
          JsonArray *array = json_node_get_array (node);

          g_assert (index < json_array_get_length (array));
          if (last)
            {
              /* JsonArray has no setter: rebuild it. */
              JsonArray *copy = json_array_new ();

              for (guint j = 0; j < json_array_get_length (array); j++)
                json_array_add_element (copy, j == index ? new_value
                                                        : json_node_copy (json_array_get_element (array, j)));
              json_node_take_array (node, copy);
            }
          else
            node = json_array_get_element (array, (guint) index);
        }
      else
        {
          JsonObject *object = json_node_get_object (node);

          if (last)
            json_object_set_member (object, parts[i], new_value);
          else
            node = json_object_get_member (object, parts[i]);
        }
      g_assert (node != NULL);
    }

  {
    g_autoptr(JsonGenerator) generator = json_generator_new ();

    json_generator_set_root (generator, json_parser_get_root (parser));
    json_generator_set_pretty (generator, TRUE);
    return json_generator_to_data (generator, NULL);
  }
}

char *
cert_test_reformat (const char *json,
                    gboolean    pretty)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_assert (json_parser_load_from_data (parser, json, -1, NULL));
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 4);
  return json_generator_to_data (generator, NULL);
}

char *
cert_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("signaal-cert-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
cert_test_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            cert_test_rm_rf (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}
