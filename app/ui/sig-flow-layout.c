/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sig-flow-layout.h"

struct _SigFlowLayout
{
  GtkLayoutManager parent_instance;

  int column_spacing;
  int row_spacing;
};

G_DEFINE_FINAL_TYPE (SigFlowLayout, sig_flow_layout, GTK_TYPE_LAYOUT_MANAGER)

/* The width a child takes on a line @width wide. */
static int
child_width (GtkWidget *child,
             int        width)
{
  int minimum, natural;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return MIN (MAX (natural, minimum), MAX (width, 0));
}

static int
child_height (GtkWidget *child,
              int        width)
{
  int minimum;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* Walks the lines for @width; with @allocate, gives every child its place.
 * Returns the height of it all. */
static int
flow (SigFlowLayout *self,
      GtkWidget     *widget,
      int            width,
      gboolean       allocate)
{
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GtkWidget *line_start = gtk_widget_get_first_child (widget);
  int y = 0;

  while (line_start != NULL)
    {
      GtkWidget *line_end = line_start;
      int x = 0, line_height = 0;

      /* Which children fit on this line: at least one. */
      for (GtkWidget *child = line_start; child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          int w;

          if (!gtk_widget_should_layout (child))
            {
              line_end = gtk_widget_get_next_sibling (child);
              continue;
            }
          w = child_width (child, width);
          if (x > 0 && x + w > width)
            break;
          line_height = MAX (line_height, child_height (child, w));
          x += w + self->column_spacing;
          line_end = gtk_widget_get_next_sibling (child);
        }
      if (allocate)
        {
          x = 0;
          for (GtkWidget *child = line_start; child != line_end; child = gtk_widget_get_next_sibling (child))
            {
              int w, h;

              if (!gtk_widget_should_layout (child))
                continue;
              w = child_width (child, width);
              h = child_height (child, w);
              gtk_widget_size_allocate (child,
                                        &(GtkAllocation) { rtl ? width - x - w : x,
                                                           y + (line_height - h) / 2, w, h },
                                        -1);
              x += w + self->column_spacing;
            }
        }
      y += line_height;
      line_start = line_end;
      if (line_start != NULL)
        y += self->row_spacing;
    }
  return y;
}

static GtkSizeRequestMode
sig_flow_layout_get_request_mode (GtkLayoutManager *manager,
                                  GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sig_flow_layout_measure (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         GtkOrientation    orientation,
                         int               for_size,
                         int              *minimum,
                         int              *natural,
                         int              *minimum_baseline,
                         int              *natural_baseline)
{
  SigFlowLayout *self = SIG_FLOW_LAYOUT (manager);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int widest = 0, line = 0, count = 0;

      /* At least the widest word; at best all on one line. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_minimum, child_natural;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, &child_natural, NULL, NULL);
          widest = MAX (widest, child_minimum);
          line += child_natural + (count++ > 0 ? self->column_spacing : 0);
        }
      *minimum = widest;
      /* A paragraph does not ask for a window as wide as all of it. */
      *natural = MAX (widest, MIN (line, 600));
    }
  else
    {
      int width = for_size;

      if (width < 0)
        {
          int ignored;

          sig_flow_layout_measure (manager, widget, GTK_ORIENTATION_HORIZONTAL, -1, &ignored, &width, NULL, NULL);
        }
      *minimum = *natural = flow (self, widget, width, FALSE);
    }
  if (minimum_baseline != NULL)
    *minimum_baseline = -1;
  if (natural_baseline != NULL)
    *natural_baseline = -1;
}

static void
sig_flow_layout_allocate (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          int               width,
                          int               height,
                          int               baseline)
{
  flow (SIG_FLOW_LAYOUT (manager), widget, width, TRUE);
}

static void
sig_flow_layout_class_init (SigFlowLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = sig_flow_layout_get_request_mode;
  manager_class->measure = sig_flow_layout_measure;
  manager_class->allocate = sig_flow_layout_allocate;
}

static void
sig_flow_layout_init (SigFlowLayout *self)
{
}

GtkLayoutManager *
sig_flow_layout_new (int column_spacing,
                     int row_spacing)
{
  SigFlowLayout *self = g_object_new (SIG_TYPE_FLOW_LAYOUT, NULL);

  self->column_spacing = column_spacing;
  self->row_spacing = row_spacing;
  return GTK_LAYOUT_MANAGER (self);
}
