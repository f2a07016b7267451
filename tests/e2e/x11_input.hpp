#pragma once
// Real input through the X server (the XTEST extension), as a keyboard and a
// mouse deliver it: each event goes to the server, which sends it to the
// window under the pointer, and GLFW reads it from there. Kept apart from
// Catch2: Xlib's macros (None, Always, Status) clash with C++ names.
#include <functional>
#include <string_view>

namespace shogo::test {

// `frame` runs one frame of the window (it reads the events that arrived).
class X11Input {
 public:
  X11Input(const char* window_title, std::function<void()> frame);
  ~X11Input();
  X11Input(const X11Input&) = delete;
  X11Input& operator=(const X11Input&) = delete;
  bool ok() const { return display_ != nullptr && window_ != 0; }

  // Letters, digits, space and , . - typed one key at a time (no Shift).
  void type(std::string_view ascii);
  // One key by its X key symbol name ("Return", "BackSpace", "Escape", "Down").
  void key(const char* keysym_name);
  // One key by its X keycode: 変換 is 100, 無変換 102 (no key symbol needed).
  void keycode(unsigned code);
  // A left click at a point of the window.
  void click(float x, float y);
  // The mouse wheel turned one notch at a point (down the page: down = true).
  void wheel(float x, float y, bool down);

 private:
  void press_release(unsigned code);
  void move(float x, float y);
  void* display_ = nullptr;
  unsigned long window_ = 0;
  std::function<void()> frame_;
};

}  // namespace shogo::test
