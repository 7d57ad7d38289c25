// SPDX-License-Identifier: Apache-2.0
// tests/batch/journal_test.cpp: when journal records reach the file, alone and in groups; what
// open() accepts (strict records, a partial last line cut off, one open journal per file, 0600).
#include "batch/journal.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "batch_fixture.hpp"

namespace recovery {
namespace {

std::size_t lines_in(const std::string& path) {
  const std::string text = batch_test::read_file(path);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(Journal, EachRecordReachesTheFileBeforeItsCallReturns) {
  batch_test::TempDir dir;
  const std::string path = dir.file("run.journal");
  batch::Journal journal;
  ASSERT_TRUE(journal.open(path).ok());
  ASSERT_TRUE(journal.sending(1, "meshydb/a/request_password_reset", 1));
  EXPECT_EQ(lines_in(path), 1u);
  journal.done(1, "meshydb/a/request_password_reset");
  EXPECT_EQ(lines_in(path), 2u);
}

TEST(Journal, AGroupReachesTheFileInOneGoAtItsEnd) {
  batch_test::TempDir dir;
  const std::string path = dir.file("run.journal");
  {
    batch::Journal journal;
    ASSERT_TRUE(journal.open(path).ok());
    journal.begin_group();
    journal.done(1, "meshydb/a/request_password_reset");
    journal.failed(2, "meshydb/b/request_password_reset", "unavailable", true);
    EXPECT_TRUE(journal.sending(3, "meshydb/c/request_password_reset", 1));
    EXPECT_EQ(lines_in(path), 0u) << "nothing before the group ends";
    EXPECT_TRUE(journal.end_group());
    EXPECT_EQ(lines_in(path), 3u);
  }  // closed, and its lock released

  // The records read back as written.
  batch::Journal reopened;
  ASSERT_TRUE(reopened.open(path).ok());
  EXPECT_EQ(reopened.loaded_records(), 3u);
  ASSERT_TRUE(reopened.previous("meshydb/a/request_password_reset"));
  EXPECT_EQ(reopened.previous("meshydb/a/request_password_reset")->state,
            batch::JournalState::kDone);
  ASSERT_TRUE(reopened.previous("meshydb/b/request_password_reset"));
  EXPECT_TRUE(reopened.previous("meshydb/b/request_password_reset")->retryable);
  EXPECT_EQ(reopened.previous("meshydb/c/request_password_reset")->state,
            batch::JournalState::kSending);
}

TEST(Journal, OutcomesAreSyncedOnTheSyncingThreadAndAllOfThemByClose) {
  batch_test::TempDir dir;
  const std::string path = dir.file("run.journal");
  batch::Journal journal;
  ASSERT_TRUE(journal.open(path, /*sync_every=*/2).ok());
  EXPECT_TRUE(journal.sending(1, "meshydb/a/request_password_reset", 1));
  journal.done(1, "meshydb/a/request_password_reset");
  EXPECT_EQ(journal.background_syncs(), 0u) << "one outcome: no sync asked yet";
  journal.failed(2, "meshydb/b/request_password_reset", "unavailable", true);
  EXPECT_EQ(lines_in(path), 3u) << "the call returned before the disk was waited for";
  journal.close();  // waits for the syncing thread
  EXPECT_EQ(journal.background_syncs(), 1u);
  EXPECT_EQ(lines_in(path), 3u);
}

TEST(Journal, OutcomesArrivingWithinTheSyncIntervalJoinTheNextSync) {
  batch_test::TempDir dir;
  batch::Journal journal;
  ASSERT_TRUE(journal.open(dir.file("run.journal"), /*sync_every=*/1).ok());
  const auto first = std::chrono::steady_clock::now();
  journal.done(1, "meshydb/a/request_password_reset");  // asks for a sync: it starts at once
  for (int i = 0; i < 5000 && journal.background_syncs() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(journal.background_syncs(), 1u);
  journal.done(2, "meshydb/b/request_password_reset");  // each asks again: one sync for both,
  journal.done(3, "meshydb/c/request_password_reset");  // not before kSyncInterval
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (std::chrono::steady_clock::now() - first < batch::kSyncInterval) {
    EXPECT_EQ(journal.background_syncs(), 1u) << "a second sync began within the interval";
  }
  journal.close();  // does not cancel the sync that was asked for
  EXPECT_EQ(journal.background_syncs(), 2u);
}

TEST(Journal, WithoutOutcomesNoSyncingThreadSyncs) {
  batch_test::TempDir dir;
  batch::Journal journal;
  ASSERT_TRUE(journal.open(dir.file("run.journal"), /*sync_every=*/1).ok());
  EXPECT_TRUE(journal.sending(1, "meshydb/a/request_password_reset", 1));
  journal.close();
  EXPECT_EQ(journal.background_syncs(), 0u);
}

TEST(Journal, ALineThatIsNotARecordFailsOpenNamingItsNumber) {
  const std::string good = R"({"line":1,"key":"meshydb/a/request_password_reset","state":"done"})";
  const std::vector<std::string> bad = {
      R"({"line":2,"key":"meshydb/b/request_password_reset","state":1})",
      R"({"line":2,"key":"meshydb/b/request_password_reset","state":"weird"})",
      R"({"line":2,"key":7,"state":"done"})",
      R"({"line":2,"state":"done"})",
      R"({"line":2,"key":"meshydb/b/x","state":"failed","code":5,"retryable":false})",
      R"({"line":2,"key":"meshydb/b/request_password_reset","state":"failed","code":"internal"})",
      R"(["meshydb/b/request_password_reset","done"])",
      R"({"line":2,"key":"meshydb/b/request_password_reset","sta)",  // torn, but not last
      "",
  };
  for (const auto& line : bad) {
    batch_test::TempDir dir;
    const std::string path = dir.file("run.journal");
    std::string text = good;
    text.append("\n").append(line).append("\n").append(good).append("\n");
    batch_test::write_file(path, text);
    batch::Journal journal;
    auto opened = journal.open(path);
    ASSERT_FALSE(opened.ok()) << line;
    EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(opened.error().message,
              "journal " + path + ": line 2 is not a record this tool wrote; nothing was sent")
        << line;
    EXPECT_EQ(batch_test::read_file(path), text) << "the journal is left as it was";
  }
}

TEST(Journal, APartialLastLineIsCutOffAndReportedOnce) {
  batch_test::TempDir dir;
  const std::string path = dir.file("run.journal");
  const std::string whole =
      R"({"line":1,"key":"meshydb/a/request_password_reset","state":"sending","attempt":1})"
      "\n"
      R"({"line":1,"key":"meshydb/a/request_password_reset","state":"failed","code":"unavailable",)"
      R"("retryable":true})"
      "\n";
  batch_test::write_file(path, whole + R"({"line":2,"key":"meshydb/b/request_pass)");
  std::vector<std::string> notices;
  auto collect = [&notices](std::string_view notice) { notices.emplace_back(notice); };
  {
    batch::Journal journal;
    ASSERT_TRUE(journal.open(path, 64, collect).ok());
    EXPECT_EQ(journal.loaded_records(), 2u);
    EXPECT_TRUE(journal.previous("meshydb/a/request_password_reset")->retryable);
    EXPECT_FALSE(journal.previous("meshydb/b/request_password_reset").has_value());
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_EQ(notices[0], "journal " + path +
                              ": ignoring a partial last line (line 3), written by a run that "
                              "was killed");
    EXPECT_EQ(batch_test::read_file(path), whole) << "cut off, so the next record starts a line";
    journal.done(2, "meshydb/b/request_password_reset");
  }
  batch::Journal reopened;
  ASSERT_TRUE(reopened.open(path, 64, collect).ok());
  EXPECT_EQ(notices.size(), 1u) << "reported once";
  EXPECT_EQ(reopened.loaded_records(), 3u);
  EXPECT_EQ(reopened.previous("meshydb/b/request_password_reset")->state,
            batch::JournalState::kDone);
}

TEST(Journal, ALastLineThatCannotBeATornRecordIsNotCut) {
  batch_test::TempDir dir;
  const std::string path = dir.file("run.journal");
  const std::string text = R"({"line":1,"key":"meshydb/a/request_password_reset","state":"done"})"
                           "\nthis is not a journal";
  batch_test::write_file(path, text);
  batch::Journal journal;
  auto opened = journal.open(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find(": line 2 is not a record this tool wrote"),
            std::string::npos)
      << opened.error().message;
  EXPECT_EQ(batch_test::read_file(path), text);
}

TEST(Journal, OneOpenJournalPerFileAtATime) {
  batch_test::TempDir dir;
  const std::string path = dir.file("run.journal");
  {
    batch::Journal first;
    ASSERT_TRUE(first.open(path).ok());
    batch::Journal second;
    auto opened = second.open(path);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(opened.error().message, "journal " + path + " is in use by another run (pid " +
                                          std::to_string(::getpid()) + ")");
    EXPECT_EQ(batch_test::read_file(path + ".lock"), std::to_string(::getpid()) + "\n");
  }
  batch::Journal later;  // the first one is gone: so is its lock
  EXPECT_TRUE(later.open(path).ok());
}

TEST(Journal, CreatedPrivateWhateverTheUmask) {
  batch_test::TempDir dir;
  const std::string path = dir.file("run.journal");
  const mode_t previous = ::umask(022);
  {
    batch::Journal journal;
    ASSERT_TRUE(journal.open(path).ok());
  }
  ::umask(previous);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((path + ".lock").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(Journal, AClosedJournalRefusesSendingInAndOutOfGroups) {
  batch_test::TempDir dir;
  batch::Journal journal;
  ASSERT_TRUE(journal.open(dir.file("run.journal")).ok());
  journal.close();
  EXPECT_FALSE(journal.sending(1, "meshydb/a/request_password_reset", 1));
  journal.begin_group();
  (void)journal.sending(1, "meshydb/a/request_password_reset", 1);
  EXPECT_FALSE(journal.end_group());
}

}  // namespace
}  // namespace recovery
