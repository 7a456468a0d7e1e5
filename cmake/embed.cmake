# Concatenates kernel sources into one OpenCL program text (dropping the
# #include "..." lines of local headers, which come first in the list) and
# writes it as a C byte array, with the list of the files' names:
# cmake -DOUT=file.c -DNAME=sym -DSOURCES=a|b -P embed.cmake
string(REPLACE "|" ";" SOURCES "${SOURCES}")
set(text "")
set(names "")
foreach(src ${SOURCES})
  get_filename_component(base ${src} NAME)
  string(APPEND names "\"${base}\", ")
  file(READ ${src} body)
  string(REGEX REPLACE "#include \"[A-Za-z0-9_./]+\"" "/* (included above) */" body "${body}")
  string(APPEND text "/* ---- ${src} ---- */\n${body}\n")
endforeach()
file(WRITE ${OUT}.txt "${text}")
file(READ ${OUT}.txt hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" hex "${hex}")
file(WRITE ${OUT} "/* generated from the kernels/ sources by cmake/embed.cmake */\n#include <stddef.h>\nconst char ${NAME}[] = {\n${hex}0x00};\nconst size_t ${NAME}_len = sizeof ${NAME} - 1;\n/* the files, in order (BTGPU_KERNEL_DIR reads them instead) */\nconst char *const ${NAME}_files[] = {${names}NULL};\n")
