# SPDX-License-Identifier: Apache-2.0
# cmake/Package.cmake: recoveryctl's man page and the Debian package (CPack).
#
# Contract: with RECOVERY_MAN_PAGE, help2man (required then) writes recoveryctl.1.gz from the built
# recoveryctl's --help and --version, and it is installed under <mandir>/man1. `cpack -G DEB` in the
# build tree (what `make package` runs, with BUILD_SHARED_LIBS and RECOVERY_MAN_PAGE on) writes
# recovery_<version>_<arch>.deb with everything `cmake --install` installs, its binaries stripped:
# the libraries, the headers, the CMake package, the .pc files, recoveryctl and its man page. The
# runtime dependencies come from dpkg-shlibdeps; a consumer also needs nlohmann-json3-dev (the
# mock kit's headers use it; a static build's consumers also link libcurl and cpp-httplib).
# Included once, at the end of the root CMakeLists.txt, after cmake/Install.cmake.
include_guard(GLOBAL)
include(GNUInstallDirs)

option(RECOVERY_MAN_PAGE "Generate recoveryctl's man page with help2man" OFF)
if(RECOVERY_MAN_PAGE AND TARGET recoveryctl)
  find_program(RECOVERY_HELP2MAN help2man REQUIRED)
  set(man_page ${PROJECT_BINARY_DIR}/man/recoveryctl.1)
  add_custom_command(OUTPUT ${man_page}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND ${RECOVERY_HELP2MAN} --no-info --section 1 --output ${man_page}
            --name "account recovery on five hosted platforms, and their emulations"
            $<TARGET_FILE:recoveryctl>
    COMMAND gzip -9nf ${man_page}
    DEPENDS recoveryctl
    COMMENT "Generating recoveryctl.1 from recoveryctl --help"
    VERBATIM)
  add_custom_target(recoveryctl_man ALL DEPENDS ${man_page}.gz)
  if(RECOVERY_INSTALL)
    install(FILES ${man_page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
  endif()
endif()

if(NOT RECOVERY_INSTALL)
  return()
endif()

set(RECOVERY_PACKAGE_CONTACT "recovery SDK maintainers"
    CACHE STRING "The Debian package's Maintainer field")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME recovery)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_CONTACT "${RECOVERY_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "C++17 SDK for account recovery on five hosted platforms through one interface")
set(CPACK_PACKAGE_DESCRIPTION
    "Password reset, username recovery and e-mail lookup on Temporal (RTrade), Tangerine365, \
Clever Cloud, MeshyDB and Crafter Studio through one RecoveryClient; stateful mock servers of \
the five vendors (recovery::testing); recoveryctl, a command-line tool for one-off calls, bulk \
migrations and running the mocks. Headers, CMake package (find_package(recovery)) and pkg-config \
modules (recovery, recovery-testing) included.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # recovery_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)  # and the ldconfig trigger
set(CPACK_DEBIAN_PACKAGE_DEPENDS "nlohmann-json3-dev (>= 3.10)")
if(NOT BUILD_SHARED_LIBS)
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libcurl4-openssl-dev | libcurl-dev, libcpp-httplib-dev")
endif()
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libgmock-dev, pkg-config, cmake")
include(CPack)
