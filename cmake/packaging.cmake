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

set(CSWM_PACKAGE_MAINTAINER "cswm maintainers <cswm@example.org>"
    CACHE STRING "Maintainer field of the Debian package")

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
