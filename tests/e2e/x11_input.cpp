#include "tests/e2e/x11_input.hpp"

#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include <cstring>
#include <string>
#include <utility>

namespace shogo::test {

namespace {

Display* dpy(void* d) { return static_cast<Display*>(d); }

Window find_window(Display* d, Window parent, const char* title) {
  Window root = 0, up = 0;
  Window* children = nullptr;
  unsigned int count = 0;
  Window found = 0;
  if (XQueryTree(d, parent, &root, &up, &children, &count) == 0) return 0;
  for (unsigned int i = 0; i < count && found == 0; ++i) {
    char* name = nullptr;
    if (XFetchName(d, children[i], &name) != 0 && name != nullptr) {
      if (std::strcmp(name, title) == 0) found = children[i];
      XFree(name);
    }
    if (found == 0) found = find_window(d, children[i], title);
  }
  if (children != nullptr) XFree(children);
  return found;
}

}  // namespace

X11Input::X11Input(const char* window_title, std::function<void()> frame)
    : frame_(std::move(frame)) {
  Display* d = XOpenDisplay(nullptr);
  if (d == nullptr) return;
  int event = 0, error = 0, major = 0, minor = 0;
  if (XTestQueryExtension(d, &event, &error, &major, &minor) == 0) {
    XCloseDisplay(d);
    return;
  }
  display_ = d;
  window_ = find_window(d, DefaultRootWindow(d), window_title);
}

X11Input::~X11Input() {
  if (display_ != nullptr) XCloseDisplay(dpy(display_));
}

// Pressed in one frame, released in a later one: ImGui 1.86 sees a key that
// went down and up between two frames as never pressed.
void X11Input::press_release(unsigned code) {
  if (!ok() || code == 0) return;
  XTestFakeKeyEvent(dpy(display_), code, True, CurrentTime);
  XSync(dpy(display_), False);
  frame_();
  frame_();
  XTestFakeKeyEvent(dpy(display_), code, False, CurrentTime);
  XSync(dpy(display_), False);
  frame_();
}

void X11Input::type(std::string_view ascii) {
  for (const char c : ascii) {
    std::string name(1, c);
    if (c == ' ') name = "space";
    if (c == ',') name = "comma";
    if (c == '.') name = "period";
    if (c == '-') name = "minus";
    key(name.c_str());
  }
}

void X11Input::key(const char* keysym_name) {
  if (!ok()) return;
  const KeySym sym = XStringToKeysym(keysym_name);
  press_release(XKeysymToKeycode(dpy(display_), sym));
}

void X11Input::keycode(unsigned code) { press_release(code); }

void X11Input::move(float x, float y) {
  Display* d = dpy(display_);
  int rx = 0, ry = 0;
  Window child = 0;
  XTranslateCoordinates(d, window_, DefaultRootWindow(d), static_cast<int>(x), static_cast<int>(y),
                        &rx, &ry, &child);
  XTestFakeMotionEvent(d, -1, rx, ry, CurrentTime);
  XSync(d, False);
  frame_();
}

void X11Input::click(float x, float y) {
  if (!ok()) return;
  Display* d = dpy(display_);
  move(x, y);
  XTestFakeButtonEvent(d, 1, True, CurrentTime);
  XSync(d, False);
  frame_();
  XTestFakeButtonEvent(d, 1, False, CurrentTime);
  XSync(d, False);
  frame_();
}

}  // namespace shogo::test

namespace shogo::test {

void X11Input::wheel(float x, float y, bool down) {
  if (!ok()) return;
  Display* d = dpy(display_);
  move(x, y);
  const unsigned button = down ? 5 : 4;  // X's wheel buttons
  XTestFakeButtonEvent(d, button, True, CurrentTime);
  XTestFakeButtonEvent(d, button, False, CurrentTime);
  XSync(d, False);
  frame_();
}

}  // namespace shogo::test
