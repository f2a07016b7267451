# ctest script: every C++ source and header of the project is formatted as
# .clang-format says (clang-format --dry-run --Werror). Fix with:
#   clang-format -i $(git ls-files '*.cpp' '*.hpp')
file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR}
  ${SOURCE_DIR}/crypto/*.[ch]pp ${SOURCE_DIR}/storage/*.[ch]pp ${SOURCE_DIR}/kiosk/*.[ch]pp
  ${SOURCE_DIR}/provisioning/*.[ch]pp ${SOURCE_DIR}/tests/*.[ch]pp)
list(SORT sources)
execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${sources}
                WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "some files are not formatted: clang-format -i $(git ls-files '*.cpp' '*.hpp')")
endif()
list(LENGTH sources count)
message(STATUS "${count} files formatted as .clang-format says")
