# Run at build time (cmake -P) by the cswm_docs target: writes the man pages and the
# shell completion scripts from the built binary, so that they are made from the same
# CLI definitions as --help and cannot drift from it.
# Variables: CSWM (the built binary), OUT (a folder under the build tree), GZIP (optional).
foreach(variable CSWM OUT)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "generate-docs.cmake needs -D${variable}=…")
  endif()
endforeach()

# Start from nothing: a command removed since the last build loses its page.
file(REMOVE_RECURSE "${OUT}/man1" "${OUT}/zh_TW" "${OUT}/completions")
file(MAKE_DIRECTORY "${OUT}/man1" "${OUT}/zh_TW/man1" "${OUT}/completions")

# The pages in English, and in Traditional Chinese for `man -L zh_TW` / LANG=zh_TW.UTF-8
# (share/man/zh_TW/man1). --lang always: the builder's locale must not decide.
foreach(pair "en;man1" "zh-TW;zh_TW/man1")
  list(GET pair 0 lang)
  list(GET pair 1 folder)
  execute_process(COMMAND "${CSWM}" -q --lang "${lang}" __man "${OUT}/${folder}" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "cswm __man (${lang}) failed (${status})")
  endif()
endforeach()
if(GZIP)
  # Debian installs man pages compressed; -n leaves out the name and time, so the
  # package is the same byte for byte from one build to the next.
  file(GLOB pages "${OUT}/man1/*.1" "${OUT}/zh_TW/man1/*.1")
  foreach(page IN LISTS pages)
    execute_process(COMMAND "${GZIP}" -9 -n -f "${page}" RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "gzip ${page} failed (${status})")
    endif()
  endforeach()
endif()

foreach(pair "bash;cswm" "zsh;_cswm" "fish;cswm.fish")
  list(GET pair 0 shell)
  list(GET pair 1 name)
  # The scripts hold no descriptions (zsh and fish ask `cswm __complete` at each TAB, in the
  # user's language); --lang en keeps any text in them independent of the builder's locale.
  execute_process(COMMAND "${CSWM}" --lang en completion "${shell}" OUTPUT_FILE "${OUT}/completions/${name}"
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "cswm completion ${shell} failed (${status})")
  endif()
endforeach()
