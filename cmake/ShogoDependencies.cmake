# Every dependency is a Debian 12 package; scripts/bootstrap installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
pkg_check_modules(SQLCIPHER REQUIRED IMPORTED_TARGET sqlcipher>=3.4)
# OpenSSL's libcrypto, which SQLCipher itself encrypts pages with: Shogo uses it
# only for the SHA-256 of imported files (crypto/file_digest.cpp), where its
# SHA-NI code hashes about 5x faster than libsodium's portable one.
pkg_check_modules(LIBCRYPTO REQUIRED IMPORTED_TARGET libcrypto>=3.0)
pkg_check_modules(GLFW REQUIRED IMPORTED_TARGET glfw3>=3.3)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
find_package(OpenGL REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)  # audit export as JSON Lines
find_package(Intl REQUIRED)
find_package(Gettext REQUIRED)

# Debian's libimgui-dev ships a static libimgui.a (1.86, 16-bit ImWchar) with
# the GLFW, OpenGL3 and FreeType backends compiled in; its pkg-config file
# names a "stb" dependency that has no .pc file, so the target is made here.
find_path(IMGUI_INCLUDE_DIR imgui.h PATH_SUFFIXES imgui REQUIRED)
find_library(IMGUI_LIBRARY NAMES libimgui.a imgui REQUIRED)
add_library(imgui::imgui STATIC IMPORTED GLOBAL)
set_target_properties(imgui::imgui PROPERTIES
  IMPORTED_LOCATION ${IMGUI_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${IMGUI_INCLUDE_DIR})
# The FreeType builder inside libimgui.a needs FreeType; the rest needs libm.
target_link_libraries(imgui::imgui INTERFACE PkgConfig::FREETYPE m)

# stb_image_write (PNG screenshots) and stb_image (tests read them back) come
# compiled in Debian's libstb.
find_path(STB_INCLUDE_DIR stb_image_write.h PATH_SUFFIXES stb REQUIRED)
find_library(STB_LIBRARY NAMES stb REQUIRED)
add_library(stb::stb UNKNOWN IMPORTED GLOBAL)
set_target_properties(stb::stb PROPERTIES
  IMPORTED_LOCATION ${STB_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${STB_INCLUDE_DIR})
# libimgui.a's font code calls libstb's stb_truetype: whatever links ImGui
# links libstb after it.
target_link_libraries(imgui::imgui INTERFACE stb::stb)

if(SHOGO_BUILD_TESTS)
  find_package(Catch2 2.13 REQUIRED)
  include(Catch)
endif()

# Fonts the kiosk loads (Debian packages fonts-ipaexfont-gothic, fonts-ipamj-mincho).
set(SHOGO_UI_FONT /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf CACHE FILEPATH "UI font (IPAexGothic)")
set(SHOGO_NAME_FONT /usr/share/fonts/truetype/ipamj/ipamjm.ttf CACHE FILEPATH "Residents' names font (IPAmj Mincho)")
foreach(f ${SHOGO_UI_FONT} ${SHOGO_NAME_FONT})
  if(NOT EXISTS ${f})
    message(FATAL_ERROR "Font ${f} is missing: run scripts/bootstrap")
  endif()
endforeach()

find_program(GETTEXT_XGETTEXT_EXECUTABLE xgettext REQUIRED)
find_program(GETTEXT_MSGCMP_EXECUTABLE msgcmp REQUIRED)

# Unicode normalisation (NFKC) of residents' names for P6.2 counting.
pkg_check_modules(ICU_UC REQUIRED IMPORTED_TARGET icu-uc)
# Japanese text entry: kana → kanji (kiosk/ime).
pkg_check_modules(ANTHY REQUIRED IMPORTED_TARGET anthy)

# Sheet profiles of the confirmation sheets (storage/import/profiles/*.toml).
find_package(tomlplusplus 3 REQUIRED)

# Excel workbooks (.xlsx) of the confirmation sheets: the zip container and its XML.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip>=1.7)
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat>=2.4)
