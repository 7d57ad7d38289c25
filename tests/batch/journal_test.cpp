// tests/batch/journal_test.cpp: when journal records reach the file, alone and in groups.
#include "batch/journal.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

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
  batch::Journal journal;
  ASSERT_TRUE(journal.open(path).ok());
  journal.begin_group();
  journal.done(1, "meshydb/a/request_password_reset");
  journal.failed(2, "meshydb/b/request_password_reset", "unavailable", true);
  EXPECT_TRUE(journal.sending(3, "meshydb/c/request_password_reset", 1));
  EXPECT_EQ(lines_in(path), 0u) << "nothing before the group ends";
  EXPECT_TRUE(journal.end_group());
  EXPECT_EQ(lines_in(path), 3u);
  journal.close();

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

TEST(Journal, RecordsOfAnotherShapeAreSkippedOnOpen) {
  batch_test::TempDir dir;
  const std::string path = dir.file("run.journal");
  batch_test::write_file(
      path,
      R"({"line":1,"key":"meshydb/a/request_password_reset","state":"done"})"
      "\n"
      R"({"line":2,"key":"meshydb/b/request_password_reset","state":1})"
      "\n"
      R"({"line":3,"key":7,"state":"done"})"
      "\n"
      R"({"line":4,"key":"meshydb/c/request_password_reset","state":"failed","code":5,)"
      R"("retryable":"yes"})"
      "\n"
      R"(["meshydb/d/request_password_reset","done"])"
      "\n"
      R"({"line":5,"key":"meshydb/e/request_password_reset","state":"fail)");  // torn
  batch::Journal journal;
  ASSERT_TRUE(journal.open(path).ok());
  EXPECT_EQ(journal.loaded_records(), 2u);
  EXPECT_EQ(journal.previous("meshydb/a/request_password_reset")->state,
            batch::JournalState::kDone);
  EXPECT_FALSE(journal.previous("meshydb/b/request_password_reset").has_value());
  // A failure whose code or retryable has the wrong type: internal, not retryable.
  const auto failed = journal.previous("meshydb/c/request_password_reset");
  ASSERT_TRUE(failed.has_value());
  EXPECT_EQ(failed->state, batch::JournalState::kFailed);
  EXPECT_EQ(failed->code, ErrorCode::kInternal);
  EXPECT_FALSE(failed->retryable);
  EXPECT_FALSE(journal.previous("meshydb/d/request_password_reset").has_value());
  EXPECT_FALSE(journal.previous("meshydb/e/request_password_reset").has_value());
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
