#include "kiosk/shell/platform_window.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kiosk/ui/page.hpp"

namespace shogo::shell {

namespace {

std::atomic<bool> g_input{false};
std::atomic<bool> g_woken{false};  // a task reported (wake())
std::atomic<int> g_close_requests{0};
std::string g_glfw_error;

void on_error(int code, const char* description) {
  g_glfw_error = std::to_string(code) + ": " + (description ? description : "");
}
// The Japanese keyboard's 変換, 無変換 and 半角/全角 have no GLFW key code:
// their X keycodes (evdev + 8, the same under XWayland) set io.KeysDown
// entries of their own, past GLFW's last key (ui::extra_keys()).
constexpr int kScancodeConvert = 100;    // KEY_HENKAN
constexpr int kScancodeNoConvert = 102;  // KEY_MUHENKAN
constexpr int kScancodeZenkaku = 49;     // KEY_GRAVE: 半角/全角 on a JIS key map
constexpr int kConvertIndex = GLFW_KEY_LAST + 1;
constexpr int kNoConvertIndex = GLFW_KEY_LAST + 2;
constexpr int kToggleIndex = GLFW_KEY_LAST + 3;

void on_key(GLFWwindow*, int key, int scancode, int action, int) {
  g_input = true;
  if (action == GLFW_REPEAT) return;
  int index = -1;
  if (scancode == kScancodeConvert) index = kConvertIndex;
  if (scancode == kScancodeNoConvert) index = kNoConvertIndex;
  // The key left of 1 is 半角/全角 where the key map gives it no character
  // (JIS); on a US map it is ` and stays so.
  if (scancode == kScancodeZenkaku && glfwGetKeyName(key, scancode) == nullptr) {
    index = kToggleIndex;
  }
  if (index >= 0) ImGui::GetIO().KeysDown[index] = action == GLFW_PRESS;
}
void on_char(GLFWwindow*, unsigned int) { g_input = true; }
void on_mouse_button(GLFWwindow*, int, int, int) { g_input = true; }
void on_cursor(GLFWwindow*, double, double) { g_input = true; }
void on_scroll(GLFWwindow*, double, double) { g_input = true; }
void on_close(GLFWwindow* w) {
  // The window manager may ask; the kiosk refuses. Quitting is a deliberate act.
  glfwSetWindowShouldClose(w, GLFW_FALSE);
  ++g_close_requests;
}

void no_clipboard_set(void*, const char*) {}
const char* no_clipboard_get(void*) { return ""; }

}  // namespace

std::string no_display_help(const std::string& program) {
  return "No display was found (DISPLAY and WAYLAND_DISPLAY are not set), so the kiosk cannot "
         "open its screen.\nOn a machine without a screen, run it under a virtual display:\n"
         "  xvfb-run -a -s \"-screen 0 1280x800x24\" " +
         program + " --windowed\n";
}

Result<std::unique_ptr<KioskWindow>> KioskWindow::open(const WindowOptions& options) {
  glfwSetErrorCallback(on_error);
  if (std::getenv("DISPLAY") == nullptr && std::getenv("WAYLAND_DISPLAY") == nullptr) {
    return Error{"display.none", "No display was found."};
  }
  if (glfwInit() != GLFW_TRUE) {
    return Error{"display.init", "The display could not be opened (" + g_glfw_error + ")."};
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);
  GLFWwindow* w = nullptr;
  if (options.windowed) {
    w = glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
  } else {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (mode == nullptr) {
      glfwTerminate();
      return Error{"display.monitor", "No monitor was found."};
    }
    glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
    glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
    w = glfwCreateWindow(mode->width, mode->height, options.title.c_str(), monitor, nullptr);
  }
  if (w == nullptr) {
    glfwTerminate();
    return Error{"display.window", "The kiosk window could not be opened (" + g_glfw_error + ")."};
  }
  glfwMakeContextCurrent(w);
  glfwSwapInterval(1);
  // Ours first: ImGui's GLFW backend chains to callbacks installed before it.
  glfwSetKeyCallback(w, on_key);
  glfwSetCharCallback(w, on_char);
  glfwSetMouseButtonCallback(w, on_mouse_button);
  glfwSetCursorPosCallback(w, on_cursor);
  glfwSetScrollCallback(w, on_scroll);
  glfwSetWindowCloseCallback(w, on_close);

  ImGui_ImplGlfw_InitForOpenGL(w, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  ImGuiIO& io = ImGui::GetIO();
  io.SetClipboardTextFn = no_clipboard_set;  // nothing can be copied out
  io.GetClipboardTextFn = no_clipboard_get;  // nor pasted in
  io.ClipboardUserData = nullptr;
  // Every screen works from the keyboard: arrows move the focus ring, Space
  // presses, Escape goes back; F1 has no ImGui 1.86 name (ui::extra_keys()).
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ui::extra_keys() = {GLFW_KEY_F1, GLFW_KEY_F7, kConvertIndex, kNoConvertIndex, kToggleIndex};

  std::unique_ptr<KioskWindow> window(new KioskWindow());
  window->window_ = w;
  return window;
}

KioskWindow::~KioskWindow() {
  if (window_ == nullptr) return;
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

void KioskWindow::wake() {
  g_woken = true;
  glfwPostEmptyEvent();
}

void KioskWindow::wait_events(double timeout) {
  if (timeout <= 0) {
    glfwPollEvents();
  } else {
    glfwWaitEventsTimeout(timeout);
  }
}

bool KioskWindow::take_input() { return g_input.exchange(false); }
bool KioskWindow::take_wake() { return g_woken.exchange(false); }
int KioskWindow::close_requests() const { return g_close_requests; }

void KioskWindow::backend_new_frame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
}

void KioskWindow::upload_fonts() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void KioskWindow::render() {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.94f, 0.94f, 0.92f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void KioskWindow::present() { glfwSwapBuffers(window_); }

void KioskWindow::render_and_present() {
  render();
  present();
}

int KioskWindow::width() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return w;
}

int KioskWindow::height() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return h;
}

std::vector<unsigned char> KioskWindow::read_rgb() const {
  const int w = width();
  const int h = height();
  const std::size_t row = static_cast<std::size_t>(w) * 3;
  std::vector<unsigned char> bottom_up(row * static_cast<std::size_t>(h));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, bottom_up.data());
  std::vector<unsigned char> rgb(bottom_up.size());
  for (int y = 0; y < h; ++y) {  // GL's rows run bottom-up
    std::copy_n(
        bottom_up.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(h - 1 - y)),
        row, rgb.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(y)));
  }
  return rgb;
}

Status KioskWindow::save_screenshot(const std::string& png_path) {
  const int w = width();
  const int h = height();
  const std::vector<unsigned char> rgb = read_rgb();
  if (stbi_write_png(png_path.c_str(), w, h, 3, rgb.data(), w * 3) == 0) {
    return Error{"screenshot.write", "The screenshot could not be written to " + png_path + "."};
  }
  return ok_status();
}

}  // namespace shogo::shell
