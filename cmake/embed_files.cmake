# Embeds text files (the built-in strategies, strategies/*.py) into C arrays
# with a table of their names (the file name without its extension), texts
# and lengths, sorted by name (read by host/strategy/builtin.c):
# cmake -DOUT=file.c -DSOURCES=a.py|b.py -P embed_files.cmake
string(REPLACE "|" ";" SOURCES "${SOURCES}")
list(SORT SOURCES)
set(arrays "")
set(names "")
set(texts "")
set(lens "")
set(n 0)
foreach(src ${SOURCES})
  get_filename_component(base ${src} NAME_WE)
  file(READ ${src} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" hex "${hex}")
  string(APPEND arrays "/* ${src} */\nstatic const char file_${n}[] = {\n${hex}0x00};\n")
  string(APPEND names "\"${base}\", ")
  string(APPEND texts "file_${n}, ")
  string(APPEND lens "sizeof file_${n} - 1, ")
  math(EXPR n "${n} + 1")
endforeach()
file(WRITE ${OUT}.tmp "/* generated from the strategies folder (*.py files) by cmake/embed_files.cmake */\n#include <stddef.h>\n${arrays}\
const char *const bt_builtin_names[] = {${names}NULL};\n\
const char *const bt_builtin_texts[] = {${texts}NULL};\n\
const size_t bt_builtin_lens[] = {${lens}0};\n\
const size_t bt_builtin_n = ${n};\n")
# rewrite only when it changed, so an unchanged set rebuilds nothing
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
file(REMOVE ${OUT}.tmp)
