# SPDX-License-Identifier: Apache-2.0
# cmake/Install.cmake: `cmake --install` of the SDK and its discovery files.
#
# Contract: installs the public headers (include/recovery/, testing/ and vendors/ included, and the
# generated version.hpp, export.hpp and testing/export.hpp), the libraries (the static
# librecovery.a and librecovery_testing.a, or with BUILD_SHARED_LIBS librecovery.so and
# librecovery_testing.so; exported as recovery::recovery and recovery::testing, the same names the
# ALIAS targets give add_subdirectory/FetchContent users), recoveryctl and its man page when they
# are built, the CMake package (recoveryConfig.cmake, recoveryConfigVersion.cmake,
# recoveryTargets.cmake) under <libdir>/cmake/recovery, and pkg-config modules recovery.pc and
# recovery-testing.pc under <libdir>/pkgconfig. Included once, at the end of the root
# CMakeLists.txt, after cmake/Libraries.cmake.
#
# Static libraries cannot carry their dependencies, so:
# - recoveryConfig.cmake finds the PRIVATE link dependencies of static libraries too (CURL for
#   recovery; CURL and the cpp-httplib pkg-config module for recovery_testing), not only the
#   PUBLIC ones;
# - the .pc files name those dependencies in Requires/Libs when the libraries are static (a plain
#   `pkg-config --libs recovery` must link), and in Requires.private/Libs.private when shared.
include_guard(GLOBAL)

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

option(RECOVERY_INSTALL "Generate the install rules (headers, libraries, CMake package, .pc)"
       ${PROJECT_IS_TOP_LEVEL})
if(NOT RECOVERY_INSTALL)
  return()
endif()

set(RECOVERY_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/recovery"
    CACHE STRING "Where recoveryConfig.cmake is installed, relative to the prefix")
set(RECOVERY_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
    CACHE STRING "Where recovery.pc is installed, relative to the prefix")

install(TARGETS ${RECOVERY_INSTALLED_LIBRARIES}
  EXPORT recoveryTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT development
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/recovery
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development
  FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR}
        RENAME copyright COMPONENT runtime)
install(DIRECTORY ${RECOVERY_GENERATED_INCLUDE_DIR}/recovery
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development
  FILES_MATCHING PATTERN "*.hpp")
if(TARGET recoveryctl)
  install(TARGETS recoveryctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
endif()

install(EXPORT recoveryTargets
  NAMESPACE recovery::
  DESTINATION ${RECOVERY_INSTALL_CMAKEDIR} COMPONENT development)

get_target_property(RECOVERY_LIBRARY_TYPE ${RECOVERY_INSTALLED_LIBRARY} TYPE)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/recoveryConfig.cmake.in
  ${PROJECT_BINARY_DIR}/recoveryConfig.cmake
  INSTALL_DESTINATION ${RECOVERY_INSTALL_CMAKEDIR})
# 0.x: a minor version may break the API, so only the same major.minor is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/recoveryConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/recoveryConfig.cmake
              ${PROJECT_BINARY_DIR}/recoveryConfigVersion.cmake
  DESTINATION ${RECOVERY_INSTALL_CMAKEDIR} COMPONENT development)

# pkg-config: where a static archive needs its dependencies named at every link, they are public.
if(RECOVERY_LIBRARY_TYPE STREQUAL "STATIC_LIBRARY")
  set(RECOVERY_PC_REQUIRES "libcurl")
  set(RECOVERY_PC_REQUIRES_PRIVATE "")
  set(RECOVERY_PC_LIBS_EXTRA "-pthread")
  set(RECOVERY_PC_LIBS_PRIVATE "")
  set(RECOVERY_TESTING_PC_REQUIRES "recovery = ${PROJECT_VERSION}, nlohmann_json, cpp-httplib")
  set(RECOVERY_TESTING_PC_REQUIRES_PRIVATE "")
  # What recovery::recovery and recovery::testing's INTERFACE_COMPILE_DEFINITIONS say in CMake.
  set(RECOVERY_PC_CFLAGS_EXTRA "-DRECOVERY_STATIC_DEFINE")
  set(RECOVERY_TESTING_PC_CFLAGS_EXTRA "-DRECOVERY_TESTING_STATIC_DEFINE")
else()
  set(RECOVERY_PC_REQUIRES "")
  set(RECOVERY_PC_REQUIRES_PRIVATE "libcurl")
  set(RECOVERY_PC_LIBS_EXTRA "")
  set(RECOVERY_PC_LIBS_PRIVATE "-pthread")
  set(RECOVERY_TESTING_PC_REQUIRES "recovery = ${PROJECT_VERSION}, nlohmann_json")
  set(RECOVERY_TESTING_PC_REQUIRES_PRIVATE "cpp-httplib")
  set(RECOVERY_PC_CFLAGS_EXTRA "")
  set(RECOVERY_TESTING_PC_CFLAGS_EXTRA "")
endif()
# Relocatable: prefix is found from the .pc file's own directory (pkg-config's ${pcfiledir}), so
# `cmake --install --prefix ELSEWHERE` works too. Absolute dirs when the user gave them.
if(IS_ABSOLUTE "${RECOVERY_INSTALL_PKGCONFIGDIR}")
  set(RECOVERY_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH RECOVERY_PC_UP "/root/${RECOVERY_INSTALL_PKGCONFIGDIR}" "/root")
  string(REGEX REPLACE "/$" "" RECOVERY_PC_UP "${RECOVERY_PC_UP}")
  set(RECOVERY_PC_PREFIX "\${pcfiledir}/${RECOVERY_PC_UP}")
endif()
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(RECOVERY_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(RECOVERY_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
get_target_property(RECOVERY_TESTING_OUTPUT_NAME ${RECOVERY_INSTALLED_TESTING_LIBRARY} OUTPUT_NAME)
if(NOT RECOVERY_TESTING_OUTPUT_NAME)
  set(RECOVERY_TESTING_OUTPUT_NAME recovery_testing)
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/recovery.pc.in ${PROJECT_BINARY_DIR}/recovery.pc @ONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/recovery-testing.pc.in
               ${PROJECT_BINARY_DIR}/recovery-testing.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/recovery.pc ${PROJECT_BINARY_DIR}/recovery-testing.pc
  DESTINATION ${RECOVERY_INSTALL_PKGCONFIGDIR} COMPONENT development)
