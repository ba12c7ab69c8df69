/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>

#include "sig-certificate-error.h"
#include "sig-certificate-labels.h"
#include "sig-certificate-pdf.h"
#include "sig-credential.h"

/* A4 landscape, in points. */
#define PAGE_WIDTH 841.89
#define PAGE_HEIGHT 595.28
#define MM (72.0 / 25.4)

#define TEXT_FONT "Cantarell, DejaVu Sans, sans-serif"
#define CODE_FONT "DejaVu Sans Mono, monospace"

/* Logos larger than this are scaled down before they are embedded: print needs
 * no more than 300 pixels per inch, and the PDF must stay small. */
#define LOGO_MAX_HEIGHT (17 * MM)
#define LOGO_MAX_WIDTH (55 * MM)
#define LOGO_DPI 300.0
#define LOGO_MAX_PIXELS 4096

typedef struct {
  double r, g, b;
} Colour;

static const Colour ink = { 0.12, 0.12, 0.15 };
static const Colour muted = { 0.38, 0.38, 0.44 };
static const Colour accent = { 0.357, 0.176, 0.431 };   /* aubergine #5b2d6e */
static const Colour accent_light = { 0.93, 0.89, 0.95 };
static const Colour gold = { 0.74, 0.60, 0.31 };         /* #bd9a4f */

static void
set_colour (cairo_t      *cr,
            const Colour *colour)
{
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
}

typedef struct {
  cairo_t *cr;
  PangoContext *context;
} Canvas;

static PangoLayout *
make_layout (Canvas         *canvas,
             const char     *family,
             double          size,
             PangoWeight     weight,
             const char     *text,
             double          width,
             PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (canvas->context);
  PangoFontDescription *font = pango_font_description_from_string (family);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_text (layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  return layout;
}

static void
set_letter_spacing (PangoLayout *layout,
                    double       spacing)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_letter_spacing_new ((int) (spacing * PANGO_SCALE)));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) width / PANGO_SCALE;
}

static void
show_layout (Canvas       *canvas,
             PangoLayout  *layout,
             double        x,
             double        y,
             const Colour *colour)
{
  cairo_save (canvas->cr);
  set_colour (canvas->cr, colour);
  cairo_move_to (canvas->cr, x, y);
  pango_cairo_show_layout (canvas->cr, layout);
  cairo_restore (canvas->cr);
}

/* Draws @text centred in [x, x + width], shrinking the font from @size down to
 * @min_size until it fits on @max_lines lines (then ellipsizing).
 * Returns the height used. */
static double
show_fitted (Canvas       *canvas,
             gboolean      draw,
             const char   *text,
             double        size,
             double        min_size,
             PangoWeight   weight,
             double        x,
             double        y,
             double        width,
             int           max_lines,
             const Colour *colour)
{
  g_autoptr(PangoLayout) layout = NULL;
  double height;

  for (;;)
    {
      g_clear_object (&layout);
      layout = make_layout (canvas, TEXT_FONT, size, weight, text, width, PANGO_ALIGN_CENTER);
      if (pango_layout_get_line_count (layout) <= max_lines || size <= min_size)
        break;
      size = MAX (min_size, size - 1);
    }
  if (pango_layout_get_line_count (layout) > max_lines)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -max_lines);
    }
  height = layout_height (layout);
  if (draw)
    show_layout (canvas, layout, x, y, colour);
  return height;
}

/* ---- Pieces ------------------------------------------------------------- */

static void
draw_frame (cairo_t *cr)
{
  const double outer = 9 * MM;
  const double inner = outer + 2.6 * MM;

  /* Outer band. */
  set_colour (cr, &accent);
  cairo_set_line_width (cr, 3.2);
  cairo_rectangle (cr, outer, outer, PAGE_WIDTH - 2 * outer, PAGE_HEIGHT - 2 * outer);
  cairo_stroke (cr);

  /* Inner hairline, with small squares at its corners. */
  set_colour (cr, &gold);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, inner, inner, PAGE_WIDTH - 2 * inner, PAGE_HEIGHT - 2 * inner);
  cairo_stroke (cr);
  for (int i = 0; i < 4; i++)
    {
      double cx = (i % 2 == 0) ? inner : PAGE_WIDTH - inner;
      double cy = (i < 2) ? inner : PAGE_HEIGHT - inner;

      cairo_save (cr);
      cairo_translate (cr, cx, cy);
      cairo_rotate (cr, G_PI / 4);
      cairo_rectangle (cr, -3.2, -3.2, 6.4, 6.4);
      cairo_restore (cr);
      cairo_fill (cr);
    }
}

/* Signal waves, faint, from the top right corner of the inner frame: the mark of
 * Signaal. */
static void
draw_waves (cairo_t *cr)
{
  const double inner = 11.6 * MM;
  const double cx = PAGE_WIDTH - inner;
  const double cy = inner;

  cairo_save (cr);
  cairo_rectangle (cr, inner, inner, PAGE_WIDTH - 2 * inner, PAGE_HEIGHT - 2 * inner);
  cairo_clip (cr);
  set_colour (cr, &accent_light);
  cairo_set_line_width (cr, 4.5);
  for (int i = 1; i <= 4; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, 16.0 * i, G_PI / 2, G_PI);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

typedef struct {
  const guint8 *data;
  gsize length;
  gsize offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->length - reader->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Decodes the logo, refusing PNGs whose header claims absurd dimensions before any
 * memory is allocated for them. Returns NULL for anything unusable. */
static cairo_surface_t *
load_logo (GBytes *logo)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  PngReader reader = { 0 };
  cairo_surface_t *surface;

  if (logo == NULL)
    return NULL;
  reader.data = g_bytes_get_data (logo, &reader.length);
  if (reader.length < 33 || memcmp (reader.data, signature, 8) != 0 ||
      memcmp (reader.data + 12, "IHDR", 4) != 0)
    {
      g_warning ("The publisher's logo is not a PNG image; the certificate is made without it");
      return NULL;
    }
  if (read_be32 (reader.data + 16) == 0 || read_be32 (reader.data + 16) > LOGO_MAX_PIXELS ||
      read_be32 (reader.data + 20) == 0 || read_be32 (reader.data + 20) > LOGO_MAX_PIXELS)
    {
      g_warning ("The publisher's logo is larger than %d pixels; the certificate is made without it",
                 LOGO_MAX_PIXELS);
      return NULL;
    }

  surface = cairo_image_surface_create_from_png_stream (read_png, &reader);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_warning ("The publisher's logo could not be read (%s); the certificate is made without it",
                 cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

/* Draws the logo in a box of at most @max_width x @max_height points with its top
 * left at (x, y). Returns the width used. */
static double
draw_logo (cairo_t         *cr,
           cairo_surface_t *logo,
           double           x,
           double           y,
           double           max_width,
           double           max_height)
{
  int pixel_width = cairo_image_surface_get_width (logo);
  int pixel_height = cairo_image_surface_get_height (logo);
  double scale = MIN (max_width / pixel_width, max_height / pixel_height);
  double width = pixel_width * scale;
  double height = pixel_height * scale;
  int target_width = (int) ceil (width / 72.0 * LOGO_DPI);
  int target_height = (int) ceil (height / 72.0 * LOGO_DPI);
  cairo_surface_t *image = cairo_surface_reference (logo);

  /* Resample to print resolution so that a large logo does not bloat the PDF. */
  if (target_width < pixel_width && target_height < pixel_height)
    {
      cairo_surface_t *small = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, target_width, target_height);
      cairo_t *small_cr = cairo_create (small);

      cairo_scale (small_cr, (double) target_width / pixel_width, (double) target_height / pixel_height);
      cairo_set_source_surface (small_cr, logo, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (small_cr), CAIRO_FILTER_BEST);
      cairo_paint (small_cr);
      cairo_destroy (small_cr);
      cairo_surface_destroy (image);
      image = small;
      pixel_width = target_width;
      pixel_height = target_height;
    }

  cairo_save (cr);
  cairo_translate (cr, x, y + (max_height - height) / 2);
  cairo_scale (cr, width / pixel_width, height / pixel_height);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
  return width;
}

static gboolean
draw_qr (cairo_t     *cr,
         const char  *payload,
         double       x,
         double       y,
         double       size,
         GError     **error)
{
  QRcode *qr = QRcode_encodeString8bit (payload, 0, QR_ECLEVEL_M);
  double module;

  if (qr == NULL)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_RENDER,
                   _("Could not make the QR code: %s"), g_strerror (errno));
      return FALSE;
    }

  /* The quiet zone of four modules is part of @size. */
  module = size / (qr->width + 8);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < qr->width; row++)
    {
      int column = 0;

      while (column < qr->width)
        {
          int start;

          if (!(qr->data[row * qr->width + column] & 1))
            {
              column++;
              continue;
            }
          start = column;
          while (column < qr->width && (qr->data[row * qr->width + column] & 1))
            column++;
          cairo_rectangle (cr, x + (start + 4) * module, y + (row + 4) * module,
                           (column - start) * module, module);
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (qr);
  return TRUE;
}

/* A label in small capitals over a value; returns the height used. */
static double
draw_detail (Canvas     *canvas,
             const char *label,
             const char *value,
             double      x,
             double      y,
             double      width)
{
  g_autofree char *upper = g_utf8_strup (label, -1);
  g_autoptr(PangoLayout) label_layout = make_layout (canvas, TEXT_FONT, 7.5, PANGO_WEIGHT_BOLD, upper,
                                                     width, PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) value_layout = make_layout (canvas, TEXT_FONT, 11, PANGO_WEIGHT_NORMAL, value,
                                                     width, PANGO_ALIGN_LEFT);
  double label_height;

  pango_layout_set_ellipsize (value_layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (value_layout, -3);
  label_height = layout_height (label_layout);
  show_layout (canvas, label_layout, x, y, &accent);
  show_layout (canvas, value_layout, x, y + label_height + 1, &ink);
  return label_height + 1 + layout_height (value_layout);
}

static void
draw_objectives (Canvas                     *canvas,
                 const SigCertificateClaims *claims,
                 double                      x,
                 double                      y,
                 double                      width,
                 double                      max_height)
{
  const char *language = claims->language;
  g_autofree char *title = g_utf8_strup (sig_certificate_label (SIG_LABEL_OBJECTIVES, language), -1);
  g_autoptr(PangoLayout) heading = make_layout (canvas, TEXT_FONT, 7.5, PANGO_WEIGHT_BOLD, title,
                                                width, PANGO_ALIGN_LEFT);
  guint count = claims->objectives ? g_strv_length (claims->objectives) : 0;
  const double bullet_indent = 10;
  const double gap = 3;
  double bottom = y + max_height;
  double more_height;
  guint shown = 0;

  if (count == 0)
    return;

  show_layout (canvas, heading, x, y, &accent);
  y += layout_height (heading) + 4;

  {
    g_autoptr(PangoLayout) probe = make_layout (canvas, TEXT_FONT, 9, PANGO_WEIGHT_NORMAL, "X",
                                                width, PANGO_ALIGN_LEFT);
    more_height = layout_height (probe) + gap;
  }

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(PangoLayout) item = make_layout (canvas, TEXT_FONT, 9, PANGO_WEIGHT_NORMAL,
                                                 claims->objectives[i], width - bullet_indent,
                                                 PANGO_ALIGN_LEFT);
      double height = layout_height (item);
      gboolean last = i + 1 == count;

      /* Keep room for "and N more" unless this is the last objective. */
      if (y + height > bottom - (last ? 0 : more_height))
        break;

      cairo_save (canvas->cr);
      set_colour (canvas->cr, &gold);
      cairo_arc (canvas->cr, x + 3, y + 6.2, 1.7, 0, 2 * G_PI);
      cairo_fill (canvas->cr);
      cairo_restore (canvas->cr);

      show_layout (canvas, item, x + bullet_indent, y, &ink);
      y += height + gap;
      shown++;
    }

  if (shown < count)
    {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_autofree char *more = g_strdup_printf (sig_certificate_label (SIG_LABEL_MORE_OBJECTIVES, language),
                                               (int) (count - shown));
#pragma GCC diagnostic pop
      g_autoptr(PangoLayout) layout = make_layout (canvas, TEXT_FONT, 9, PANGO_WEIGHT_NORMAL, more,
                                                   width - bullet_indent, PANGO_ALIGN_LEFT);

      show_layout (canvas, layout, x + bullet_indent, y, &muted);
    }
}

static char *
sectors_text (const SigCertificateClaims *claims)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; claims->sectors && claims->sectors[i]; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, sig_certificate_sector_label (claims->sectors[i], claims->language));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The title, the learner and the course. Returns the height; draws only if @draw. */
static double
draw_centre (Canvas                     *canvas,
             const SigCertificateClaims *claims,
             gboolean                    draw,
             double                      y)
{
  cairo_t *cr = canvas->cr;
  const char *language = claims->language;
  const double left = 22 * MM;
  const double content_width = PAGE_WIDTH - 44 * MM;
  double start = y;

  {
    g_autofree char *title = g_utf8_strup (sig_certificate_label (SIG_LABEL_CERTIFICATE, language), -1);
    g_autoptr(PangoLayout) layout = make_layout (canvas, TEXT_FONT, 30, PANGO_WEIGHT_LIGHT, title,
                                                 content_width, PANGO_ALIGN_CENTER);

    set_letter_spacing (layout, 5.0);
    if (draw)
      show_layout (canvas, layout, left, y, &accent);
    y += layout_height (layout) + 2.5 * MM;
  }
  if (draw)
    {
      set_colour (cr, &gold);
      cairo_set_line_width (cr, 1.2);
      cairo_move_to (cr, PAGE_WIDTH / 2 - 18 * MM, y);
      cairo_line_to (cr, PAGE_WIDTH / 2 + 18 * MM, y);
      cairo_stroke (cr);
    }
  y += 6 * MM;

  y += show_fitted (canvas, draw, sig_certificate_label (SIG_LABEL_CERTIFIES, language), 11.5, 11.5,
                    PANGO_WEIGHT_NORMAL, left, y, content_width, 1, &muted) + 2 * MM;
  y += show_fitted (canvas, draw, claims->learner_name, 34, 16, PANGO_WEIGHT_BOLD,
                    left + 20 * MM, y, content_width - 40 * MM, 1, &ink) + 2 * MM;
  y += show_fitted (canvas, draw, sig_certificate_label (SIG_LABEL_COMPLETED_COURSE, language), 11.5, 11.5,
                    PANGO_WEIGHT_NORMAL, left, y, content_width, 1, &muted) + 2 * MM;
  y += show_fitted (canvas, draw, claims->course_title, 21, 13, PANGO_WEIGHT_BOLD,
                    left + 25 * MM, y, content_width - 50 * MM, 2, &accent) + 1.2 * MM;
  {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    g_autofree char *version = g_strdup_printf (sig_certificate_label (SIG_LABEL_VERSION, language),
                                                claims->course_version);
#pragma GCC diagnostic pop
    y += show_fitted (canvas, draw, version, 9.5, 9.5, PANGO_WEIGHT_NORMAL, left, y, content_width, 1, &muted);
  }
  return y - start;
}

static gboolean
draw_certificate (Canvas                     *canvas,
                  const SigCertificateClaims *claims,
                  SigVerification            *credential,
                  const char                 *qr_payload,
                  GError                    **error)
{
  cairo_t *cr = canvas->cr;
  const char *language = claims->language;
  const double left = 22 * MM;
  const double right = PAGE_WIDTH - 22 * MM;
    const double top = 20 * MM;
  cairo_surface_t *logo = load_logo (claims->publisher_logo);
  double x, y;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw_waves (cr);
  draw_frame (cr);

  /* Header: the publisher, with its logo, and the Signaal wordmark. */
  x = left;
  if (logo != NULL)
    {
      x += draw_logo (cr, logo, left, top, LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT) + 4 * MM;
      cairo_surface_destroy (logo);
    }
  {
    g_autofree char *label = g_utf8_strup (sig_certificate_label (SIG_LABEL_COURSE_BY, language), -1);
    g_autoptr(PangoLayout) by = make_layout (canvas, TEXT_FONT, 7.5, PANGO_WEIGHT_BOLD, label,
                                             right - x - 60 * MM, PANGO_ALIGN_LEFT);
    g_autoptr(PangoLayout) name = make_layout (canvas, TEXT_FONT, 12, PANGO_WEIGHT_BOLD,
                                               claims->publisher_name, right - x - 60 * MM,
                                               PANGO_ALIGN_LEFT);
    double block;

    pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
    pango_layout_set_height (name, -2);
    block = layout_height (by) + 1 + layout_height (name);
    y = top + (LOGO_MAX_HEIGHT - block) / 2;
    show_layout (canvas, by, x, y, &muted);
    show_layout (canvas, name, x, y + layout_height (by) + 1, &ink);
  }
  {
    g_autoptr(PangoLayout) mark = make_layout (canvas, TEXT_FONT, 10, PANGO_WEIGHT_BOLD, "SIGNAAL",
                                               -1, PANGO_ALIGN_LEFT);

    set_letter_spacing (mark, 3.0);
    show_layout (canvas, mark, right - 14 * MM - layout_width (mark),
                 top + (LOGO_MAX_HEIGHT - layout_height (mark)) / 2, &accent);
  }

  /* The title, the learner and the course, centred between header and details. */
  {
    double available_top = top + LOGO_MAX_HEIGHT + 3 * MM;
    double available_bottom = PAGE_HEIGHT - 88 * MM;
    double height = draw_centre (canvas, claims, FALSE, 0);

    draw_centre (canvas, claims, TRUE, available_top + MAX (0, (available_bottom - available_top - height) / 2));
  }

  /* Bottom: objectives | details | QR code and verification code. */
  {
    const double bottom_top = PAGE_HEIGHT - 80 * MM;
    const double footer_top = PAGE_HEIGHT - 30 * MM;
    const double qr_size = 33 * MM;
    const double qr_x = right - qr_size;
    const double details_x = left + 104 * MM;
    const double details_width = qr_x - details_x - 8 * MM;
    g_autofree char *score = sig_certificate_format_percent (claims->score_percent, language);
    g_autofree char *completed = sig_certificate_format_date (claims->completed_at, language);
    g_autofree char *valid_until = sig_certificate_format_date (claims->valid_until, language);
    g_autofree char *sectors = sectors_text (claims);
    double dy = bottom_top;
    double column_gap = 3.2 * MM;

    draw_objectives (canvas, claims, left, bottom_top, details_x - left - 8 * MM,
                     footer_top - bottom_top - 4 * MM);

    /* Details, in two columns of label/value pairs. */
    {
      double half = (details_width - 6 * MM) / 2;
      double row1, row2 = 0;

      row1 = draw_detail (canvas, sig_certificate_label (SIG_LABEL_SCORE, language), score,
                          details_x, dy, half);
      row1 = MAX (row1, draw_detail (canvas, sig_certificate_label (SIG_LABEL_COMPLETED_ON, language),
                                     completed, details_x + half + 6 * MM, dy, half));
      dy += row1 + column_gap;
      row2 = draw_detail (canvas, sig_certificate_label (SIG_LABEL_VALID_UNTIL, language), valid_until,
                          details_x, dy, half);
      if (claims->accreditation_points >= 0)
        {
          g_autofree char *points = sig_certificate_format_points (claims->accreditation_points, language);
          g_autofree char *value = claims->accreditation_register && *claims->accreditation_register
                                     ? g_strdup_printf ("%s, %s", points, claims->accreditation_register)
                                     : g_strdup (points);

          row2 = MAX (row2, draw_detail (canvas, sig_certificate_label (SIG_LABEL_ACCREDITATION, language),
                                         value, details_x + half + 6 * MM, dy, half));
        }
      dy += row2 + column_gap;
      if (*sectors != '\0')
        draw_detail (canvas,
                     sig_certificate_label (g_strv_length (claims->sectors) > 1 ? SIG_LABEL_SECTORS
                                                                                 : SIG_LABEL_SECTOR,
                                            language),
                     sectors, details_x, dy, details_width);
    }

    /* The QR code and the verification code under it. */
    {
      g_autofree char *code_label = g_utf8_strup (sig_certificate_label (SIG_LABEL_VERIFICATION_CODE, language), -1);
      g_autoptr(PangoLayout) label = make_layout (canvas, TEXT_FONT, 7, PANGO_WEIGHT_BOLD, code_label,
                                                  qr_size, PANGO_ALIGN_CENTER);
      g_autoptr(PangoLayout) code = make_layout (canvas, CODE_FONT, 12.5, PANGO_WEIGHT_BOLD,
                                                 credential->code, qr_size + 10 * MM, PANGO_ALIGN_CENTER);
      double qr_y = bottom_top - 6 * MM;

      if (!draw_qr (cr, qr_payload, qr_x, qr_y, qr_size, error))
        return FALSE;
      show_layout (canvas, label, qr_x, qr_y + qr_size + 0.5 * MM, &accent);
      show_layout (canvas, code, qr_x - 5 * MM, qr_y + qr_size + 0.5 * MM + layout_height (label) + 0.5,
                   &ink);
    }

    /* Footer: who issued it, its key, and how to check it. */
    {
      g_autofree char *issued = g_strdup_printf ("%s: %s", sig_certificate_label (SIG_LABEL_ISSUED_BY, language),
                                                 credential->issuer_name ? credential->issuer_name : "");
      g_autoptr(PangoLayout) issuer = make_layout (canvas, TEXT_FONT, 8.5, PANGO_WEIGHT_BOLD, issued,
                                                   qr_x - left - 8 * MM, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) did = make_layout (canvas, CODE_FONT, 6.5, PANGO_WEIGHT_NORMAL,
                                                credential->issuer_did, qr_x - left - 8 * MM,
                                                PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) hint = make_layout (canvas, TEXT_FONT, 7, PANGO_WEIGHT_NORMAL,
                                                 sig_certificate_label (SIG_LABEL_VERIFY_HINT, language),
                                                 qr_x - left - 8 * MM, PANGO_ALIGN_LEFT);
      double fy = footer_top;

      set_colour (cr, &accent_light);
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, left, fy - 2.5 * MM);
      cairo_line_to (cr, qr_x - 8 * MM, fy - 2.5 * MM);
      cairo_stroke (cr);

      pango_layout_set_ellipsize (issuer, PANGO_ELLIPSIZE_END);
      show_layout (canvas, issuer, left, fy, &ink);
      fy += layout_height (issuer) + 0.5;
      show_layout (canvas, did, left, fy, &muted);
      fy += layout_height (did) + 1.5;
      show_layout (canvas, hint, left, fy, &muted);
    }
  }
  return TRUE;
}

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
same_instant (GDateTime *a,
              GDateTime *b)
{
  /* The credential keeps whole seconds. */
  return a != NULL && b != NULL && g_date_time_to_unix (a) == g_date_time_to_unix (b);
}

/**
 * sig_certificate_pdf_render:
 * @claims: what the certificate says
 * @credential: the signed credential made from @claims (sig_credential_build_signed())
 * @length: its length, or -1 if nul-terminated
 * @error: a #GError
 *
 * Draws the paper certificate: an A4 landscape PDF with fonts embedded, in the
 * language of @claims. The verification code, the QR code and the issuer are
 * taken from @credential, which must be authentic (expired is fine: a reprint)
 * and must be about the same learner, course and dates as @claims.
 *
 * Returns: (transfer full) (nullable): the PDF
 */
GBytes *
sig_certificate_pdf_render (const SigCertificateClaims  *claims,
                            const char                  *credential,
                            gssize                       length,
                            GError                     **error)
{
  g_autoptr(SigVerification) verification = NULL;
  g_autoptr(GByteArray) pdf = NULL;
  g_autofree char *achievement_id = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *created = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  cairo_surface_t *surface;
  cairo_font_options_t *options;
  cairo_status_t status;
  Canvas canvas = { 0 };
  gboolean ok;

  g_return_val_if_fail (claims != NULL, NULL);
  g_return_val_if_fail (credential != NULL, NULL);

  if (!sig_certificate_claims_validate (claims, error))
    return NULL;

  verification = sig_credential_verify (credential, length, NULL, claims->completed_at);
  if (!verification->authentic)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CREDENTIAL_INVALID,
                   _("The digital certificate cannot be printed: %s"), verification->message);
      return NULL;
    }
  achievement_id = g_strdup_printf ("%s%s:%s", SIG_CREDENTIAL_ACHIEVEMENT_PREFIX,
                                    claims->course_id, claims->course_version);
  if (g_strcmp0 (verification->learner_name, claims->learner_name) != 0 ||
      g_strcmp0 (verification->achievement_id, achievement_id) != 0 ||
      !same_instant (verification->valid_from, claims->completed_at) ||
      !same_instant (verification->valid_until, claims->valid_until))
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_CREDENTIAL_INVALID,
                   _("The digital certificate is about another learner, course or period than the one to print."));
      return NULL;
    }
  payload = sig_credential_qr_payload (credential, length, error);
  if (payload == NULL)
    return NULL;

  pdf = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (write_to_array, pdf, PAGE_WIDTH, PAGE_HEIGHT);
  {
    g_autofree char *title = g_strdup_printf ("%s: %s, %s",
                                              sig_certificate_label (SIG_LABEL_CERTIFICATE, claims->language),
                                              claims->course_title, claims->learner_name);

    created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                    verification->issuer_name ? verification->issuer_name : "");
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, claims->course_title);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, verification->code);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Signaal");
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
  }

  canvas.cr = cairo_create (surface);
  canvas.context = pango_cairo_create_context (canvas.cr);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (canvas.context, options);
  cairo_font_options_destroy (options);
  {
    PangoLanguage *pango_language = pango_language_from_string (claims->language);

    pango_context_set_language (canvas.context, pango_language);
  }

  ok = draw_certificate (&canvas, claims, verification, payload, error);

  g_object_unref (canvas.context);
  status = cairo_status (canvas.cr);
  cairo_destroy (canvas.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!ok)
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_RENDER,
                   _("Could not draw the certificate: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/**
 * sig_certificate_pdf_write:
 * @path: where to write the PDF; replaced atomically
 *
 * sig_certificate_pdf_render(), written to @path.
 */
gboolean
sig_certificate_pdf_write (const SigCertificateClaims  *claims,
                           const char                  *credential,
                           gssize                       length,
                           const char                  *path,
                           GError                     **error)
{
  g_autoptr(GBytes) pdf = sig_certificate_pdf_render (claims, credential, length, error);
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data;

  if (pdf == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &size);
  if (!g_file_set_contents (path, data, (gssize) size, &local_error))
    {
      g_set_error (error, SIG_CERTIFICATE_ERROR, SIG_CERTIFICATE_ERROR_IO,
                   _("Could not save the certificate: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}
