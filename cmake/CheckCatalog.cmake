# ctest script: extract the msgids of crypto/, storage/ and kiosk/ with xgettext and
# require po/ja.po to translate every one of them (msgcmp fails otherwise).
file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR}
  ${SOURCE_DIR}/crypto/*.cpp ${SOURCE_DIR}/crypto/*.hpp
  ${SOURCE_DIR}/storage/*.cpp ${SOURCE_DIR}/storage/*.hpp
  ${SOURCE_DIR}/kiosk/*.cpp ${SOURCE_DIR}/kiosk/*.hpp)
list(SORT sources)
execute_process(
  COMMAND ${XGETTEXT} --from-code=UTF-8 --language=C++ --keyword=tr --keyword=N_
          --package-name=shogo -o ${WORK_DIR}/shogo-check.pot ${sources}
  WORKING_DIRECTORY ${SOURCE_DIR}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed")
endif()
execute_process(
  COMMAND ${MSGCMP} ${SOURCE_DIR}/po/ja.po ${WORK_DIR}/shogo-check.pot
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "po/ja.po lacks translations (run scripts/update-po and translate)")
endif()
message(STATUS "po/ja.po translates every message of the kiosk")
