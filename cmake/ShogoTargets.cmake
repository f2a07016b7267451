# shogo_module(NAME SOURCES... [DEPS ...]) — one library per module of design.md,
# built with the project's warnings as errors. Headers sit beside sources and
# are included from the repository root: #include "kiosk/ui/views.hpp".
function(shogo_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wshadow
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wconversion -Wno-sign-conversion -Wformat=2 -Wimplicit-fallthrough
    # GCC 12 at -O3 reports "literal" + std::string as an overlapping memcpy
    # (GCC bug 105329, fixed in 13): a warning there, not an error.
    $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-error=restrict>)
endfunction()

function(shogo_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${M_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS})
  shogo_warnings(${name})
endfunction()

if(SHOGO_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# The fuzz preset: every library gets libFuzzer's coverage instrumentation;
# the fuzz executables (tests/fuzz) link libFuzzer itself with -fsanitize=fuzzer.
if(SHOGO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "SHOGO_FUZZ needs clang (libFuzzer): cmake --preset fuzz")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
