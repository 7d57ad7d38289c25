# SPDX-License-Identifier: Apache-2.0
# cmake/Libraries.cmake: the SDK's libraries and its generated public headers.
#
# Contract: included once by the root CMakeLists.txt after the source lists are globbed; defines
# - recovery and recovery_testing: static libraries, always built. The project's own programs (the
#   tests, recoveryctl, the fuzz targets, the benchmarks) link these: they call internal functions
#   that a shared library does not export. Without BUILD_SHARED_LIBS they are what is installed.
# - with BUILD_SHARED_LIBS: recovery_shared and recovery_testing_shared, i.e. librecovery.so and
#   librecovery_testing.so, with a SONAME and only the public API exported (the declarations of
#   include/recovery/ marked RECOVERY_EXPORT or RECOVERY_TESTING_EXPORT); installed instead of the
#   static ones, under the same exported names.
# - recovery::recovery and recovery::testing: aliases of the installed pair, the names
#   add_subdirectory/FetchContent users and examples/ link.
# - recovery/version.hpp, recovery/export.hpp and recovery/testing/export.hpp, generated under
#   RECOVERY_GENERATED_INCLUDE_DIR (the build tree's include/) and installed with the headers.
# Each source is compiled once, position-independent and with hidden visibility, into an object
# library; the static and the shared libraries are archived and linked from the same objects, so
# turning BUILD_SHARED_LIBS on in a built tree (`make package`) only links.
include_guard(GLOBAL)

set(RECOVERY_GENERATED_INCLUDE_DIR ${PROJECT_BINARY_DIR}/include)
configure_file(${CMAKE_CURRENT_LIST_DIR}/version.hpp.in
               ${RECOVERY_GENERATED_INCLUDE_DIR}/recovery/version.hpp @ONLY)

# The few internal helpers the mock kit calls: a shared librecovery_testing.so carries its own copy
# (hidden, like every internal symbol) since librecovery.so does not export them.
set(RECOVERY_HELPER_SOURCES
    ${PROJECT_SOURCE_DIR}/src/http/url.cpp ${PROJECT_SOURCE_DIR}/src/core/json_util.cpp
    ${PROJECT_SOURCE_DIR}/vendors/crafter/token_format.cpp)
set(RECOVERY_LIBRARY_SOURCES ${RECOVERY_CORE_SOURCES} ${RECOVERY_VENDOR_DRIVER_SOURCES}
                             ${PROJECT_SOURCE_DIR}/vendors/builtin_drivers.cpp)
list(REMOVE_ITEM RECOVERY_LIBRARY_SOURCES ${RECOVERY_HELPER_SOURCES})
file(GLOB RECOVERY_TESTING_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/testing/*.cpp)
list(APPEND RECOVERY_TESTING_SOURCES ${RECOVERY_VENDOR_MOCK_SOURCES}
            ${PROJECT_SOURCE_DIR}/vendors/builtin_mocks.cpp)

# recovery_export_header(HEADER LIBRARY MACRO STATIC_DEFINE BUILDING): one export header, the
# same whether the tree builds the shared libraries or not.
function(recovery_export_header header library macro static_define building)
  set(EXPORT_HEADER ${header})
  set(EXPORT_LIBRARY ${library})
  set(EXPORT_MACRO ${macro})
  set(EXPORT_STATIC_DEFINE ${static_define})
  set(EXPORT_BUILDING ${building})
  configure_file(${CMAKE_CURRENT_FUNCTION_LIST_DIR}/export.hpp.in
                 ${RECOVERY_GENERATED_INCLUDE_DIR}/${header} @ONLY)
endfunction()

# recovery_objects(TARGET DEFINE_SYMBOL SOURCES...): the compiled sources of one library.
function(recovery_objects target define_symbol)
  add_library(${target} OBJECT ${ARGN})
  target_include_directories(${target}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
           $<BUILD_INTERFACE:${RECOVERY_GENERATED_INCLUDE_DIR}> $<INSTALL_INTERFACE:include>
    PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  target_compile_definitions(${target} PRIVATE ${define_symbol})
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  recovery_warnings(${target})
endfunction()

# recovery_library(TARGET TYPE DEFINE_SYMBOL OBJECT_LIBRARIES...): a library made of compiled
# objects. The static ones tell their users (RECOVERY_STATIC_DEFINE) that nothing is imported.
function(recovery_library target type define_symbol)
  set(objects "")
  foreach(object_library IN LISTS ARGN)
    list(APPEND objects $<TARGET_OBJECTS:${object_library}>)
  endforeach()
  add_library(${target} ${type} ${objects})
  target_include_directories(${target}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
           $<BUILD_INTERFACE:${RECOVERY_GENERATED_INCLUDE_DIR}> $<INSTALL_INTERFACE:include>)
  if(type STREQUAL "STATIC")
    string(REPLACE "_BUILDING_LIBRARY" "_STATIC_DEFINE" static_define ${define_symbol})
    target_compile_definitions(${target} INTERFACE ${static_define})
  endif()
endfunction()

# The objects: the library, its helpers, the mock kit.
recovery_objects(recovery_objects RECOVERY_BUILDING_LIBRARY ${RECOVERY_LIBRARY_SOURCES})
recovery_objects(recovery_helper_objects RECOVERY_BUILDING_LIBRARY ${RECOVERY_HELPER_SOURCES})
foreach(objects IN ITEMS recovery_objects recovery_helper_objects)
  target_link_libraries(${objects} PRIVATE CURL::libcurl nlohmann_json::nlohmann_json)
endforeach()
recovery_objects(recovery_testing_objects RECOVERY_TESTING_BUILDING_LIBRARY
                 ${RECOVERY_TESTING_SOURCES})
target_link_libraries(recovery_testing_objects
  PRIVATE PkgConfig::HTTPLIB CURL::libcurl nlohmann_json::nlohmann_json)

recovery_library(recovery STATIC RECOVERY_BUILDING_LIBRARY
                 recovery_objects recovery_helper_objects)
target_link_libraries(recovery PUBLIC Threads::Threads
                               PRIVATE CURL::libcurl nlohmann_json::nlohmann_json)
set_target_properties(recovery PROPERTIES EXPORT_NAME recovery)
recovery_export_header(recovery/export.hpp recovery RECOVERY_EXPORT RECOVERY_STATIC_DEFINE
                       RECOVERY_BUILDING_LIBRARY)

recovery_library(recovery_testing STATIC RECOVERY_TESTING_BUILDING_LIBRARY
                 recovery_testing_objects)
target_link_libraries(recovery_testing PUBLIC recovery nlohmann_json::nlohmann_json
                                       PRIVATE PkgConfig::HTTPLIB CURL::libcurl)
set_target_properties(recovery_testing PROPERTIES EXPORT_NAME testing)
recovery_export_header(recovery/testing/export.hpp recovery_testing RECOVERY_TESTING_EXPORT
                       RECOVERY_TESTING_STATIC_DEFINE RECOVERY_TESTING_BUILDING_LIBRARY)

if(BUILD_SHARED_LIBS)
  # 0.x: a minor release may break the ABI, so the SONAME carries MAJOR.MINOR (librecovery.so.0.2).
  set(RECOVERY_SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
  if(PROJECT_VERSION_MAJOR GREATER 0)
    set(RECOVERY_SOVERSION ${PROJECT_VERSION_MAJOR})
  endif()
  # Only what include/recovery/ marks RECOVERY_EXPORT or RECOVERY_TESTING_EXPORT is exported.
  function(recovery_shared_library target output_name export_name)
    set_target_properties(${target} PROPERTIES OUTPUT_NAME ${output_name}
      EXPORT_NAME ${export_name} VERSION ${PROJECT_VERSION} SOVERSION ${RECOVERY_SOVERSION})
    if(NOT RECOVERY_SANITIZE)
      target_link_options(${target} PRIVATE LINKER:--no-undefined)  # every symbol resolved
    endif()
  endfunction()

  recovery_library(recovery_shared SHARED RECOVERY_BUILDING_LIBRARY
                   recovery_objects recovery_helper_objects)
  recovery_shared_library(recovery_shared recovery recovery)
  target_link_libraries(recovery_shared PUBLIC Threads::Threads PRIVATE CURL::libcurl)

  recovery_library(recovery_testing_shared SHARED RECOVERY_TESTING_BUILDING_LIBRARY
                   recovery_testing_objects recovery_helper_objects)
  recovery_shared_library(recovery_testing_shared recovery_testing testing)
  target_link_libraries(recovery_testing_shared PUBLIC recovery_shared nlohmann_json::nlohmann_json
                                                PRIVATE PkgConfig::HTTPLIB CURL::libcurl)
  set(RECOVERY_INSTALLED_LIBRARIES recovery_shared recovery_testing_shared)
else()
  set(RECOVERY_INSTALLED_LIBRARIES recovery recovery_testing)
endif()
list(GET RECOVERY_INSTALLED_LIBRARIES 0 RECOVERY_INSTALLED_LIBRARY)
list(GET RECOVERY_INSTALLED_LIBRARIES 1 RECOVERY_INSTALLED_TESTING_LIBRARY)
add_library(recovery::recovery ALIAS ${RECOVERY_INSTALLED_LIBRARY})
add_library(recovery::testing ALIAS ${RECOVERY_INSTALLED_TESTING_LIBRARY})
