/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Starts a program and prints the milliseconds until its first top-level
 * window is mapped on the X server, then ends it. The same measurement for
 * Signaal and for the bare window: nothing inside either program is timed.
 * With --rss it also prints, three seconds later (work started after the
 * window, such as checking the course files, has settled), the program's
 * resident memory and its peak so far in KiB (VmRSS, VmHWM).
 *   wait-mapped [--rss] PROGRAM [ARGS...] */
#include <X11/Xlib.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
  gboolean rss = FALSE;
  double elapsed;

  if (argc > 1 && strcmp (argv[1], "--rss") == 0)
    {
      rss = TRUE;
      argc--;
      argv++;
    }
  if (argc < 2)
    {
      fprintf (stderr, "usage: wait-mapped [--rss] PROGRAM [ARGS...]\n");
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
  elapsed = (g_get_monotonic_time () - start) / 1000.0;
  if (rss)
    {
      g_autofree char *status_path = g_strdup_printf ("/proc/%d/status", (int) child);
      g_autofree char *status = NULL;
      const char *line;
      long kib = -1, peak = -1;

      /* Keep serving the X connection: the program may wait on the server. */
      for (int i = 0; i < 30; i++)
        {
          while (XPending (display))
            {
              XEvent event;

              XNextEvent (display, &event);
            }
          g_usleep (100000);
        }
      if (g_file_get_contents (status_path, &status, NULL, NULL) &&
          (line = strstr (status, "VmRSS:")) != NULL)
        kib = strtol (line + strlen ("VmRSS:"), NULL, 10);
      if (status != NULL && (line = strstr (status, "VmHWM:")) != NULL)
        peak = strtol (line + strlen ("VmHWM:"), NULL, 10);
      printf ("%.1f %ld %ld\n", elapsed, kib, peak);
    }
  else
    printf ("%.1f\n", elapsed);
  fflush (stdout);
  kill (child, SIGTERM);
  waitpid (child, NULL, 0);
  XCloseDisplay (display);
  return 0;
}
