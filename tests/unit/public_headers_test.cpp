// SPDX-License-Identifier: Apache-2.0
// The public headers name nothing internal: no `internal::` and no header of src/ or vendors/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

TEST(PublicHeaders, NameNothingInternal) {
  const std::filesystem::path include_dir = RECOVERY_SOURCE_DIR "/include/recovery";
  ASSERT_TRUE(std::filesystem::is_directory(include_dir)) << include_dir;
  int headers = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(include_dir)) {
    if (entry.path().extension() != ".hpp") continue;
    ++headers;
    std::ifstream file(entry.path());
    std::stringstream text;
    text << file.rdbuf();
    const std::string content = text.str();
    EXPECT_EQ(content.find("internal::"), std::string::npos) << entry.path();
    EXPECT_EQ(content.find("namespace internal"), std::string::npos) << entry.path();
    EXPECT_EQ(content.find("#include \"core/"), std::string::npos) << entry.path();
    EXPECT_EQ(content.find("#include \"vendors/"), std::string::npos) << entry.path();
    EXPECT_EQ(content.find("#include \"http/"), std::string::npos) << entry.path();
  }
  EXPECT_GE(headers, 10);
}

}  // namespace
