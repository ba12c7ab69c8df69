/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Starts a program and prints the milliseconds until its first top-level
 * window is mapped on the X server, then ends it. The same measurement for
 * Signaal and for the bare window: nothing inside either program is timed.
 *   wait-mapped PROGRAM [ARGS...] */
#include <X11/Xlib.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (int   argc,
      char *argv[])
{
  Display *display;
  gint64 start;
  pid_t child;
  gboolean mapped = FALSE;

  if (argc < 2)
    {
      fprintf (stderr, "usage: wait-mapped PROGRAM [ARGS...]\n");
      return 2;
    }
  if ((display = XOpenDisplay (NULL)) == NULL)
    {
      fprintf (stderr, "wait-mapped: cannot open the display; set DISPLAY\n");
      return 2;
    }
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);
  XSync (display, False);

  start = g_get_monotonic_time ();
  child = fork ();
  if (child == 0)
    {
      execvp (argv[1], argv + 1);
      _exit (127);
    }
  while (!mapped && g_get_monotonic_time () - start < 60 * G_USEC_PER_SEC)
    {
      fd_set fds;
      struct timeval timeout = { 0, 100000 };

      while (XPending (display))
        {
          XEvent event;

          XNextEvent (display, &event);
          if (event.type == MapNotify && !event.xmap.override_redirect)
            mapped = TRUE;
        }
      if (mapped)
        break;
      FD_ZERO (&fds);
      FD_SET (ConnectionNumber (display), &fds);
      select (ConnectionNumber (display) + 1, &fds, NULL, NULL, &timeout);
      if (waitpid (child, NULL, WNOHANG) == child)
        {
          fprintf (stderr, "wait-mapped: %s ended before it showed a window\n", argv[1]);
          return 1;
        }
    }
  if (!mapped)
    {
      fprintf (stderr, "wait-mapped: no window within 60 s\n");
      kill (child, SIGKILL);
      return 1;
    }
  printf ("%.1f\n", (g_get_monotonic_time () - start) / 1000.0);
  fflush (stdout);
  kill (child, SIGTERM);
  waitpid (child, NULL, 0);
  XCloseDisplay (display);
  return 0;
}
