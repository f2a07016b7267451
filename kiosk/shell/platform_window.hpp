#pragma once
// KioskWindow — the GLFW window, OpenGL context and ImGui backends.
//
//   full screen on the primary monitor, no decoration, never iconified;
//   the window manager's close request is refused (quitting is deliberate);
//   the clipboard is cut off in both directions; no imgui.ini.
//
// Everything that touches GLFW or GL lives in platform_window.cpp.

#include <memory>
#include <string>
#include <vector>

#include "storage/base/result.hpp"

struct GLFWwindow;

namespace shogo::shell {

struct WindowOptions {
  bool windowed = false;  // a normal window (development, screenshots)
  int width = 1280;       // windowed size
  int height = 800;
  std::string title = "Shogo";
};

class KioskWindow {
 public:
  [[nodiscard]] static Result<std::unique_ptr<KioskWindow>> open(const WindowOptions& options);
  ~KioskWindow();
  KioskWindow(const KioskWindow&) = delete;
  KioskWindow& operator=(const KioskWindow&) = delete;

  // Blocks until an event or `timeout` seconds; 0 polls.
  void wait_events(double timeout);
  // Ends a wait_events() now; safe from any thread (glfwPostEmptyEvent). The
  // task runner calls it when background work reports.
  static void wake();
  bool take_input();           // true if a key, click, scroll or move arrived since the last call
  bool take_wake();            // true if wake() was called since the last call
  int close_requests() const;  // refused requests from the window manager (for tests)

  void backend_new_frame();
  void upload_fonts();        // after the atlas is rebuilt
  void render_and_present();  // draws ImGui's draw data, swaps
  void render();              // draws without swapping (for a screenshot)
  void present();
  [[nodiscard]] Status save_screenshot(const std::string& png_path);
  std::vector<unsigned char> read_rgb() const;  // the back buffer, top row first, 3 bytes a pixel
  int width() const;
  int height() const;

 private:
  KioskWindow() = default;
  GLFWwindow* window_ = nullptr;
};

// A plain sentence for a machine without a display, with the Xvfb command.
std::string no_display_help(const std::string& program);

}  // namespace shogo::shell
