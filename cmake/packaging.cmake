# Install layout and the Debian package.
#
# `cmake --install` puts, under the prefix (GNUInstallDirs):
#   bin/cswm                                   the binary; templates and schemas are embedded
#   share/man/man1/cswm.1.gz, cswm-*.1.gz      one page per command, made at build time
#   share/man/zh_TW/man1/…                     the same pages in Traditional Chinese
#   share/bash-completion/completions/cswm     loaded on demand by bash-completion
#   share/zsh/vendor-completions/_cswm         Debian's zsh looks there
#   share/fish/vendor_completions.d/cswm.fish
# `cpack -G DEB` (from the build folder) packages that tree with dpkg-shlibdeps working
# out the runtime libraries it depends on.
include(GNUInstallDirs)

set(cswm_docs_dir "${PROJECT_BINARY_DIR}/generated")
find_program(CSWM_GZIP gzip)
mark_as_advanced(CSWM_GZIP)
add_custom_command(
  OUTPUT "${cswm_docs_dir}/stamp"
  COMMAND "${CMAKE_COMMAND}" "-DCSWM=$<TARGET_FILE:cswm>" "-DOUT=${cswm_docs_dir}" "-DGZIP=${CSWM_GZIP}"
          -P "${PROJECT_SOURCE_DIR}/cmake/generate-docs.cmake"
  COMMAND "${CMAKE_COMMAND}" -E touch "${cswm_docs_dir}/stamp"
  DEPENDS cswm "${PROJECT_SOURCE_DIR}/cmake/generate-docs.cmake"
  COMMENT "Writing man pages and shell completions from the CLI definitions"
  VERBATIM)
add_custom_target(cswm_docs ALL DEPENDS "${cswm_docs_dir}/stamp")

install(DIRECTORY "${cswm_docs_dir}/man1/" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(DIRECTORY "${cswm_docs_dir}/zh_TW/man1/" DESTINATION "${CMAKE_INSTALL_MANDIR}/zh_TW/man1")
install(FILES "${cswm_docs_dir}/completions/cswm"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")
install(FILES "${cswm_docs_dir}/completions/_cswm" DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")
install(FILES "${cswm_docs_dir}/completions/cswm.fish"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d")

# The Maintainer field of the .deb: whoever builds and distributes the package, as
# "Name <mail>" (Debian policy 5.6.2). The default is a placeholder that keeps the package
# buildable; a package built with it says so at configure time (release builds, the ones
# packages are made from) and again when cpack runs.
set(cswm_placeholder_maintainer "cswm maintainers <cswm@example.org>")
set(CSWM_PACKAGE_MAINTAINER "${cswm_placeholder_maintainer}"
    CACHE STRING "Maintainer field of the Debian package, as \"Name <mail>\" (docs/install.md)")
if(NOT CSWM_PACKAGE_MAINTAINER MATCHES "^[^<>]*[^ <>] <[^<>@ ]+@[^<>@ ]+>$")
  message(FATAL_ERROR "CSWM_PACKAGE_MAINTAINER is '${CSWM_PACKAGE_MAINTAINER}': "
                      "write it as \"Name <mail>\", for example -DCSWM_PACKAGE_MAINTAINER=\"Ada Lin <ada@example.com>\"")
endif()
# cpack reads CPACK_PROJECT_CONFIG_FILE when it runs: the same warning at packaging time,
# whatever the build type.
set(cswm_cpack_config "${PROJECT_BINARY_DIR}/cswm-cpack-options.cmake")
if(CSWM_PACKAGE_MAINTAINER STREQUAL cswm_placeholder_maintainer)
  if(CMAKE_BUILD_TYPE STREQUAL "Release")
    message(WARNING "The Debian package's Maintainer is the placeholder '${cswm_placeholder_maintainer}': "
                    "a package you distribute should name you. Configure with "
                    "-DCSWM_PACKAGE_MAINTAINER=\"Your Name <you@example.com>\" (docs/install.md).")
  endif()
  file(WRITE "${cswm_cpack_config}"
       "message(WARNING \"Packaging with the placeholder Maintainer '${cswm_placeholder_maintainer}': "
       "reconfigure with -DCSWM_PACKAGE_MAINTAINER=\\\"Your Name <you@example.com>\\\" (docs/install.md).\")\n")
else()
  file(WRITE "${cswm_cpack_config}" "# Maintainer: ${CSWM_PACKAGE_MAINTAINER}\n")
endif()
set(CPACK_PROJECT_CONFIG_FILE "${cswm_cpack_config}")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "cswm")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # cswm_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CSWM_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The runtime libraries (libgit2-1.5, libyaml-0-2, libfmt9 …) as dpkg-shlibdeps finds
# them in the binary: never the -dev packages the build needed.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "git")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
# The first line of the Description field is CPACK_PACKAGE_DESCRIPTION_SUMMARY.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "cswm turns the written work of cloud software maintenance (feasibility reports,\n\
plans, requirement specs, quality specs, test reports, fix confirmations, anomaly\n\
requests and records, maintenance logs) into YAML documents in a git repository:\n\
it scaffolds, validates, links them to commits, and reviews logs. English and\n\
Traditional Chinese.")
include(CPack)
