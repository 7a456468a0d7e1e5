# Writes btgpu(1) from `btgpu --help`: cmake -DBTGPU=exe -DOUT=btgpu.1 -DVERSION=x.y.z -P manpage.cmake
execute_process(COMMAND ${BTGPU} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${BTGPU} --help failed (${rc})")
endif()
# roff: backslashes doubled, a leading dot or quote protected, dashes as \-
string(REPLACE "\\" "\\\\" help "${help}")
string(REPLACE "-" "\\-" help "${help}")
string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
string(TIMESTAMP today "%Y-%m-%d" UTC)
file(WRITE ${OUT}.tmp ".TH BTGPU 1 \"${today}\" \"btgpu ${VERSION}\" \"User Commands\"
.SH NAME
btgpu \\- strategy-grid optimizer with backtesting.py's numbers
.SH SYNOPSIS
.B btgpu
\\-\\-method grid \\-\\-data FILE [OPTIONS]
.SH DESCRIPTION
btgpu evaluates every combination of a grid of strategy parameters over one OHLC(V) series
and reproduces backtesting.py 0.6.6's statistics for each, on the CPU (OpenMP SIMD lanes),
OpenCL or CUDA. The text below is
.BR \"btgpu \\-\\-help\" .
.PP
.nf
${help}.fi
.SH EXIT STATUS
0 on success, 1 on a runtime failure, 2 on a usage error.
.SH SEE ALSO
The README of the btgpu sources; the library interface in btgpu.h.
")
file(RENAME ${OUT}.tmp ${OUT})
