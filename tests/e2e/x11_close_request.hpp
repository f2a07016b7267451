#pragma once
// Sends WM_DELETE_WINDOW to the top-level window with this title, as a window
// manager does when someone clicks its close box. Kept apart from Catch2:
// Xlib's macros (None, Always, Status) clash with C++ names.
namespace shogo::test {
bool send_wm_delete_window(const char* title);
}
