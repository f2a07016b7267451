#include "tests/e2e/x11_close_request.hpp"

#include <X11/Xlib.h>

#include <cstring>

namespace shogo::test {

bool send_wm_delete_window(const char* title) {
  Display* dpy = XOpenDisplay(nullptr);
  if (dpy == nullptr) return false;
  Window root = DefaultRootWindow(dpy);
  Window parent = 0;
  Window* children = nullptr;
  unsigned int count = 0;
  Window target = 0;
  if (XQueryTree(dpy, root, &root, &parent, &children, &count) != 0) {
    for (unsigned int i = 0; i < count; ++i) {
      char* name = nullptr;
      if (XFetchName(dpy, children[i], &name) != 0 && name != nullptr) {
        if (std::strcmp(name, title) == 0) target = children[i];
        XFree(name);
      }
    }
  }
  if (children != nullptr) XFree(children);
  if (target != 0) {
    XEvent ev{};
    ev.xclient.type = ClientMessage;
    ev.xclient.window = target;
    ev.xclient.message_type = XInternAtom(dpy, "WM_PROTOCOLS", False);
    ev.xclient.format = 32;
    ev.xclient.data.l[0] = static_cast<long>(XInternAtom(dpy, "WM_DELETE_WINDOW", False));
    ev.xclient.data.l[1] = CurrentTime;
    XSendEvent(dpy, target, False, NoEventMask, &ev);
    XFlush(dpy);
  }
  XCloseDisplay(dpy);
  return target != 0;
}

}  // namespace shogo::test
