/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sig-page-view.h"
#include "sig-types.h"

struct _SigPageView
{
  GtkBox parent_instance;

  SigCourse *course;
  SigPage *page;
  char *language;
  SigHelplines *helplines;
};

G_DEFINE_FINAL_TYPE (SigPageView, sig_page_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_COURSE,
  PROP_PAGE,
  PROP_LANGUAGE,
  PROP_HELPLINES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
sig_inlines_to_markup (GPtrArray *inlines,
                       GPtrArray *cited)
{
  GString *markup = g_string_new (NULL);

  for (guint i = 0; inlines != NULL && i < inlines->len; i++)
    {
      const SigInline *run = inlines->pdata[i];
      g_autofree char *escaped = run->text != NULL ? g_markup_escape_text (run->text, -1) : NULL;

      switch (run->kind)
        {
        case SIG_INLINE_TEXT:
          g_string_append (markup, escaped != NULL ? escaped : "");
          break;
        case SIG_INLINE_EMPHASIS:
          g_string_append_printf (markup, "<i>%s</i>", escaped != NULL ? escaped : "");
          break;
        case SIG_INLINE_STRONG:
          g_string_append_printf (markup, "<b>%s</b>", escaped != NULL ? escaped : "");
          break;
        case SIG_INLINE_CITE:
          if (cited != NULL && run->ref != NULL)
            {
              guint index;

              if (!g_ptr_array_find_with_equal_func (cited, run->ref, g_str_equal, &index))
                {
                  g_ptr_array_add (cited, g_strdup (run->ref));
                  index = cited->len - 1;
                }
              g_string_append_printf (markup, "<sup>[%u]</sup>", index + 1);
            }
          break;
        default:
          break;
        }
    }
  return g_string_free (markup, FALSE);
}

static GtkWidget *
text_label (const char *markup,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
heading_label (const char *markup,
               const char *css_class,
               int         level)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   "wrap", TRUE,
                                   "xalign", 0.0f,
                                   NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_widget_add_css_class (label, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, level,
                                  -1);
  return label;
}

static void
on_helpline_activated (AdwActionRow *row)
{
  const char *number = g_object_get_data (G_OBJECT (row), "helpline-number");
  const char *subtitle = adw_action_row_get_subtitle (row);
  /* Translators: shown on a helpline card after Enter, as in "0800 2000 copied". */
  g_autofree char *copied = g_strdup_printf (_("%s copied"), number);
  g_autofree char *escaped = g_markup_escape_text (copied, -1);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (row)), number);
  if (subtitle == NULL || !g_str_has_suffix (subtitle, escaped))
    {
      g_autofree char *text = g_strdup_printf ("%s%s%s", subtitle != NULL ? subtitle : "",
                                               subtitle != NULL && *subtitle ? "\n" : "", escaped);

      adw_action_row_set_subtitle (row, text);
    }
}

GtkWidget *
sig_helpline_row_new (const SigHelpline *helpline,
                      const char        *language)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *number = gtk_label_new (helpline->number != NULL ? helpline->number : _("No number"));
  g_autofree char *title = g_markup_escape_text (sig_text_get (helpline->name, language), -1);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *accessible = NULL;
  const char *description = helpline->description != NULL ? sig_text_get (helpline->description, language) : NULL;
  const char *hours = helpline->hours != NULL ? sig_text_get (helpline->hours, language) : NULL;

  if (description != NULL)
    g_string_append (subtitle, description);
  if (hours != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? "\n" : "", hours);
  if (helpline->alt_number != NULL)
    {
      g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle, _("Also: %s"), helpline->alt_number);
    }
  if (helpline->checked != NULL)
    {
      g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle, _("Number last checked: %s"), helpline->checked);
    }
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle->str, -1);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  }
  gtk_widget_add_css_class (number, "helpline-number");
  gtk_widget_add_css_class (number, helpline->number != NULL ? "title-3" : "dim-label");
  gtk_widget_set_valign (number, GTK_ALIGN_CENTER);
  accessible = helpline->number != NULL ? g_strdup_printf (_("Phone number %s"), helpline->number)
                                        : g_strdup (_("No verified phone number yet"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (number),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), number);
  if (helpline->urgent)
    gtk_widget_add_css_class (row, "helpline-urgent");
  /* One Tab stop per card: the row. Enter or a click on it copies the number
   * (a selectable number would be a second stop, or a trap when unfocusable). */
  gtk_widget_set_focusable (row, TRUE);
  if (helpline->number != NULL)
    {
      g_autofree char *tip = g_strdup_printf (_("Press Enter to copy %s"), helpline->number);

      gtk_widget_set_tooltip_text (row, tip);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "helpline-number", g_strdup (helpline->number), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_helpline_activated), NULL);
    }
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static GtkWidget *
image_widget (SigPageView    *self,
              const SigBlock *block)
{
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *picture;

  if (self->course->media != NULL)
    {
      GBytes *bytes = g_hash_table_lookup (self->course->media, block->src);

      if (bytes != NULL)
        texture = gdk_texture_new_from_bytes (bytes, NULL);
    }
  if (texture == NULL && self->course->base_dir != NULL && block->src != NULL)
    {
      g_autofree char *path = g_build_filename (self->course->base_dir, block->src, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      texture = gdk_texture_new_from_file (file, NULL);
    }
  if (texture == NULL)
    {
      /* A missing picture still tells what it showed. */
      g_autofree char *text = g_strdup_printf (_("Picture: %s"), block->alt != NULL ? block->alt : "");
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      return text_label (escaped, "dim-label");
    }
  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), block->alt);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, block->alt != NULL ? block->alt : "",
                                  -1);
  gtk_widget_set_size_request (picture, -1, 160);
  gtk_widget_add_css_class (picture, "page-image");
  return picture;
}

static void render_blocks (SigPageView *self,
                           GtkBox      *box,
                           GPtrArray   *blocks,
                           GPtrArray   *cited);

static GtkWidget *
callout_widget (SigPageView    *self,
                const SigBlock *block,
                GPtrArray      *cited)
{
  GtkWidget *callout = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *kind = block->callout_kind != NULL ? block->callout_kind : "info";
  const char *icon_name = "dialog-information-symbolic";
  const char *kind_label = _("Note");
  g_autofree char *css = g_strdup_printf ("callout-%s", kind);
  GtkWidget *icon;

  if (g_str_equal (kind, "tip"))
    {
      icon_name = "starred-symbolic";
      kind_label = _("Tip");
    }
  else if (g_str_equal (kind, "warning"))
    {
      icon_name = "dialog-warning-symbolic";
      kind_label = _("Warning");
    }
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kind_label,
                                  -1);
  gtk_widget_add_css_class (callout, "callout");
  gtk_widget_add_css_class (callout, css);
  gtk_accessible_update_property (GTK_ACCESSIBLE (callout),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kind_label,
                                  -1);
  gtk_box_append (GTK_BOX (callout), icon);
  gtk_widget_set_hexpand (content, TRUE);
  gtk_box_append (GTK_BOX (callout), content);
  render_blocks (self, GTK_BOX (content), block->children, cited);
  return callout;
}

static GtkWidget *
list_widget (const SigBlock *block,
             GPtrArray      *cited)
{
  GtkWidget *list = g_object_new (GTK_TYPE_BOX,
                                  "orientation", GTK_ORIENTATION_VERTICAL,
                                  "spacing", 6,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_LIST,
                                  NULL);

  gtk_widget_add_css_class (list, "page-list");
  for (guint i = 0; i < block->items->len; i++)
    {
      GtkWidget *item = g_object_new (GTK_TYPE_BOX,
                                      "orientation", GTK_ORIENTATION_HORIZONTAL,
                                      "spacing", 8,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                      NULL);
      GtkWidget *bullet = gtk_label_new ("•");
      g_autofree char *markup = sig_inlines_to_markup (block->items->pdata[i], cited);
      GtkWidget *label = text_label (markup, "page-text");

      gtk_widget_set_valign (bullet, GTK_ALIGN_START);
      gtk_accessible_update_state (GTK_ACCESSIBLE (bullet), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (item), bullet);
      gtk_box_append (GTK_BOX (item), label);
      gtk_box_append (GTK_BOX (list), item);
    }
  return list;
}

static void
render_blocks (SigPageView *self,
               GtkBox      *box,
               GPtrArray   *blocks,
               GPtrArray   *cited)
{
  GtkWidget *helpline_list = NULL;

  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      const SigBlock *block = blocks->pdata[i];
      g_autofree char *markup = NULL;

      if (block->kind != SIG_BLOCK_HELPLINE)
        helpline_list = NULL;
      switch (block->kind)
        {
        case SIG_BLOCK_HEADING:
          markup = sig_inlines_to_markup (block->inlines, cited);
          gtk_box_append (box, heading_label (markup, "title-3", 2));
          break;
        case SIG_BLOCK_PARAGRAPH:
          markup = sig_inlines_to_markup (block->inlines, cited);
          gtk_box_append (box, text_label (markup, "page-text"));
          break;
        case SIG_BLOCK_LIST:
          gtk_box_append (box, list_widget (block, cited));
          break;
        case SIG_BLOCK_CALLOUT:
          gtk_box_append (box, callout_widget (self, block, cited));
          break;
        case SIG_BLOCK_IMAGE:
          gtk_box_append (box, image_widget (self, block));
          break;
        case SIG_BLOCK_HELPLINE:
          {
            const SigHelpline *helpline = self->helplines != NULL ? sig_helplines_find (self->helplines, block->ref) : NULL;

            if (helpline == NULL)
              break;
            if (helpline_list == NULL)
              {
                helpline_list = gtk_list_box_new ();
                gtk_list_box_set_selection_mode (GTK_LIST_BOX (helpline_list), GTK_SELECTION_NONE);
                gtk_widget_add_css_class (helpline_list, "boxed-list");
                gtk_accessible_update_property (GTK_ACCESSIBLE (helpline_list),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, _("Helplines"),
                                                -1);
                gtk_box_append (box, helpline_list);
              }
            gtk_list_box_append (GTK_LIST_BOX (helpline_list),
                                 sig_helpline_row_new (helpline, self->language));
          }
          break;
        default:
          break;
        }
    }
}

static const SigSource *
find_source (SigCourse  *course,
             const char *id)
{
  for (guint i = 0; i < course->sources->len; i++)
    {
      const SigSource *source = course->sources->pdata[i];

      if (g_strcmp0 (source->id, id) == 0)
        return source;
    }
  return NULL;
}

static void
render_sources (SigPageView *self,
                GPtrArray   *cited)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  GtkWidget *label;

  if (cited->len == 0)
    return;
  for (guint i = 0; i < cited->len; i++)
    {
      const SigSource *source = find_source (self->course, cited->pdata[i]);
      g_autofree char *text = NULL;

      if (source == NULL)
        continue;
      text = g_markup_escape_text (sig_text_get (source->text, self->language), -1);
      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      if (source->url != NULL)
        {
          g_autofree char *url = g_markup_escape_text (source->url, -1);
          g_string_append_printf (markup, "[%u] <a href=\"%s\">%s</a>", i + 1, url, text);
        }
      else
        g_string_append_printf (markup, "[%u] %s", i + 1, text);
    }
  gtk_box_append (GTK_BOX (self), heading_label (_("Sources"), "heading", 3));
  label = text_label (markup->str, "caption");
  gtk_widget_add_css_class (label, "page-sources");
  gtk_box_append (GTK_BOX (self), label);
}

static const SigBody *
find_body (SigPage    *page,
           const char *language)
{
  for (guint i = 0; i < page->bodies->len; i++)
    {
      const SigBody *body = page->bodies->pdata[i];

      if (g_strcmp0 (body->lang, language) == 0)
        return body;
    }
  for (guint i = 0; i < page->bodies->len; i++)
    {
      const SigBody *body = page->bodies->pdata[i];

      if (g_strcmp0 (body->lang, "en") == 0)
        return body;
    }
  return page->bodies->len > 0 ? page->bodies->pdata[0] : NULL;
}

static void
sig_page_view_constructed (GObject *object)
{
  SigPageView *self = SIG_PAGE_VIEW (object);
  g_autoptr(GPtrArray) cited = g_ptr_array_new_with_free_func (g_free);
  const SigBody *body;

  G_OBJECT_CLASS (sig_page_view_parent_class)->constructed (object);

  g_return_if_fail (self->course != NULL && self->page != NULL);

  if (self->page->title != NULL)
    {
      g_autofree char *title = g_markup_escape_text (sig_text_get (self->page->title, self->language), -1);

      gtk_box_append (GTK_BOX (self), heading_label (title, "title-1", 1));
    }
  body = find_body (self->page, self->language);
  if (body != NULL)
    render_blocks (self, GTK_BOX (self), body->blocks, cited);
  render_sources (self, cited);
}

static void
sig_page_view_finalize (GObject *object)
{
  SigPageView *self = SIG_PAGE_VIEW (object);

  g_clear_pointer (&self->course, sig_course_unref);
  g_free (self->language);
  G_OBJECT_CLASS (sig_page_view_parent_class)->finalize (object);
}

static void
sig_page_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SigPageView *self = SIG_PAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_COURSE:
      g_value_set_boxed (value, self->course);
      break;
    case PROP_PAGE:
      g_value_set_pointer (value, self->page);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_HELPLINES:
      g_value_set_pointer (value, self->helplines);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_page_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SigPageView *self = SIG_PAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_COURSE:
      self->course = g_value_dup_boxed (value);
      break;
    case PROP_PAGE:
      self->page = g_value_get_pointer (value);
      break;
    case PROP_LANGUAGE:
      self->language = g_value_dup_string (value);
      break;
    case PROP_HELPLINES:
      self->helplines = g_value_get_pointer (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sig_page_view_class_init (SigPageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sig_page_view_constructed;
  object_class->finalize = sig_page_view_finalize;
  object_class->get_property = sig_page_view_get_property;
  object_class->set_property = sig_page_view_set_property;

  properties[PROP_COURSE] =
    g_param_spec_boxed ("course", NULL, NULL, SIG_TYPE_COURSE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_pointer ("page", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HELPLINES] =
    g_param_spec_pointer ("helplines", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "pageview");
}

static void
sig_page_view_init (SigPageView *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);
}

GtkWidget *
sig_page_view_new (SigCourse    *course,
                   SigPage      *page,
                   const char   *language,
                   SigHelplines *helplines)
{
  return g_object_new (SIG_TYPE_PAGE_VIEW,
                       "course", course,
                       "page", page,
                       "language", language,
                       "helplines", helplines,
                       NULL);
}
