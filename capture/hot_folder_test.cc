#include "capture/hot_folder.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <type_traits>

#include "common/testing/temp_dir.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = HotFolder::Clock;

static_assert(std::is_nothrow_move_constructible_v<HotFolder>);
static_assert(std::is_nothrow_move_assignable_v<HotFolder>);
static_assert(!std::is_copy_constructible_v<HotFolder>);

void SleepFor(Clock::duration d) { std::this_thread::sleep_for(d); }

int OpenFdCount() {
  int n = 0;
  for (const auto& entry : fs::directory_iterator("/proc/self/fd")) {
    (void)entry;
    ++n;
  }
  return n;
}

class HotFolderTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text,
                    bool append = false) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, append ? std::ios::app : std::ios::trunc) << text;
    return path;
  }
  ::intake::testing::TempDir tmp_;
  const std::string dir_ = tmp_.path();
};

TEST_F(HotFolderTest, FileIsHandedOutOnlyAfterItSettles) {
  HotFolder folder(dir_, 2.0);
  const auto t0 = HotFolder::Clock::now();
  std::string path = Write("scan1.tif", "part one");
  EXPECT_TRUE(folder.Poll(t0).empty());
  EXPECT_TRUE(folder.Poll(t0 + seconds(1)).empty());
  // Still being written: the settle clock restarts.
  Write("scan1.tif", " part two", true);
  EXPECT_TRUE(folder.Poll(t0 + seconds(3)).empty());
  EXPECT_TRUE(folder.Poll(t0 + seconds(4)).empty());
  EXPECT_EQ(folder.Poll(t0 + seconds(5)), std::vector<std::string>{path});
  // Handed out once, not again while the caller works on it.
  EXPECT_TRUE(folder.Poll(t0 + seconds(9)).empty());
  EXPECT_FALSE(folder.Idle());
}

TEST_F(HotFolderTest, OldestFirstAndTemporaryNamesIgnored) {
  HotFolder folder(dir_, 0.0);
  std::string newer = Write("a.png", "x");
  std::string older = Write("b.png", "x");
  Write(".a.png.swp", "x");
  Write("upload.part", "x");
  fs::last_write_time(older, fs::last_write_time(newer) - seconds(60));
  EXPECT_EQ(folder.Poll(), (std::vector<std::string>{older, newer}));
}

TEST_F(HotFolderTest, ReleaseForgetsOrRetriesLater) {
  HotFolder folder(dir_, 0.0);
  std::string path = Write("fax.tif", "x");
  ASSERT_EQ(folder.Poll().size(), 1u);
  // A failed store: retry, but not before the delay.
  folder.Release(path, seconds(30));
  EXPECT_TRUE(folder.Poll(HotFolder::Clock::now()).empty());
  EXPECT_EQ(folder.Poll(HotFolder::Clock::now() + seconds(31)).size(), 1u);
  // Stored and removed: forgotten.
  fs::remove(path);
  folder.Release(path);
  EXPECT_TRUE(folder.Poll(HotFolder::Clock::now() + seconds(40)).empty());
  EXPECT_TRUE(folder.Idle());
}

TEST_F(HotFolderTest, MoveIntoKeepsNamesUnique) {
  std::string a = Write("x.tif", "1");
  Result<std::string> first = MoveInto(a, dir_ + "/done");
  ASSERT_TRUE(first.ok());
  std::string b = Write("x.tif", "2");
  Result<std::string> second = MoveInto(b, dir_ + "/done");
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*first, *second);
  EXPECT_TRUE(fs::exists(*first));
  EXPECT_TRUE(fs::exists(*second));
  EXPECT_FALSE(fs::exists(a));
}

// --- inotify: Wait() wakes the loop; Poll() still decides what is ready. ---

TEST_F(HotFolderTest, WaitWakesPromptlyWhenAFileArrives) {
  HotFolder folder(dir_, 1.0);
  ASSERT_TRUE(folder.Watch()) << folder.watch_error();
  EXPECT_TRUE(folder.watch_error().empty());
  EXPECT_TRUE(folder.Poll().empty());
  Clock::time_point written;
  std::thread writer([&] {
    SleepFor(milliseconds(200));
    written = Clock::now();
    Write("scan.pdf", "%PDF");
  });
  const bool woke = folder.Wait(seconds(2));
  const Clock::time_point woke_at = Clock::now();
  writer.join();
  EXPECT_TRUE(woke);
  EXPECT_LT(woke_at - written, milliseconds(100));
}

TEST_F(HotFolderTest, WaitTimesOutWhenNothingHappens) {
  HotFolder folder(dir_, 1.0);
  ASSERT_TRUE(folder.Watch()) << folder.watch_error();
  EXPECT_TRUE(folder.Poll().empty());
  // Temporaries and hidden files are no reason to wake.
  std::thread writer([&] {
    SleepFor(milliseconds(300));
    Write(".~lock.scan.odt#", "x");
    Write("upload.part", "x");
  });
  const Clock::time_point start = Clock::now();
  EXPECT_FALSE(folder.Wait(seconds(2)));
  const Clock::duration waited = Clock::now() - start;
  writer.join();
  EXPECT_GE(waited, milliseconds(1950));
  EXPECT_LT(waited, seconds(3));
}

TEST_F(HotFolderTest, SlowWriterIsHandedOutOnceAfterItSettles) {
  const auto settle = milliseconds(500);
  HotFolder folder(dir_, 0.5);
  ASSERT_TRUE(folder.Watch()) << folder.watch_error();
  EXPECT_TRUE(folder.Poll().empty());
  // A scanner that opens, appends and closes five times, pausing less than
  // the settle time: every close is an IN_CLOSE_WRITE, none is the end.
  const std::string piece(1000, 'x');
  Clock::time_point last_write;
  std::thread writer([&] {
    for (int i = 0; i < 5; ++i) {
      if (i > 0) SleepFor(milliseconds(200));
      last_write = Clock::now();
      Write("slow.tif", piece, /*append=*/true);
    }
  });
  struct Handout {
    std::string path;
    Clock::time_point at;
    std::uintmax_t size;
  };
  std::vector<Handout> handouts;
  const Clock::time_point stop = Clock::now() + milliseconds(2500);
  while (Clock::now() < stop) {
    folder.Wait(std::min<Clock::duration>(seconds(1), stop - Clock::now()));
    for (const std::string& path : folder.Poll()) {
      handouts.push_back({path, Clock::now(), fs::file_size(path)});
    }
  }
  writer.join();
  ASSERT_EQ(handouts.size(), 1u);
  EXPECT_EQ(handouts[0].path, dir_ + "/slow.tif");
  EXPECT_EQ(handouts[0].size, 5 * piece.size());
  EXPECT_GE(handouts[0].at - last_write, settle);
  // Woken when the settle time ran out, not a poll interval later.
  EXPECT_LT(handouts[0].at - last_write, settle + milliseconds(300));
}

TEST_F(HotFolderTest, FilesPresentAtStartAreHandedOutOnce) {
  const std::string newer = Write("a.png", "x");
  const std::string older = Write("b.png", "x");
  fs::last_write_time(older, fs::last_write_time(newer) - seconds(60));
  HotFolder folder(dir_, 0.2);
  std::vector<std::string> got;
  const Clock::time_point start = Clock::now();
  // Never polled: the first Wait() does not sleep.
  EXPECT_TRUE(folder.Wait(seconds(5)));
  EXPECT_LT(Clock::now() - start, milliseconds(100));
  while (Clock::now() - start < milliseconds(1200)) {
    folder.Wait(milliseconds(500));
    for (std::string& path : folder.Poll()) got.push_back(std::move(path));
  }
  EXPECT_EQ(got, (std::vector<std::string>{older, newer}));
}

TEST_F(HotFolderTest, WaitAnyWakesForEitherFolder) {
  ::intake::testing::TempDir other_tmp;
  HotFolder first(dir_, 1.0);
  HotFolder second(other_tmp.path(), 1.0);
  ASSERT_TRUE(first.Watch()) << first.watch_error();
  ASSERT_TRUE(second.Watch()) << second.watch_error();
  first.Poll();
  second.Poll();
  const std::vector<HotFolder*> both = {&first, nullptr, &second};
  for (const std::string& dir : {other_tmp.path(), dir_}) {
    std::thread writer([&] {
      SleepFor(milliseconds(150));
      std::ofstream(dir + "/fax.tif") << "x";
    });
    const Clock::time_point start = Clock::now();
    const bool woke = HotFolder::WaitAny(both, seconds(2));
    const Clock::duration waited = Clock::now() - start;
    writer.join();
    EXPECT_TRUE(woke) << dir;
    EXPECT_GE(waited, milliseconds(100)) << dir;
    EXPECT_LT(waited, milliseconds(250)) << dir;
    first.Poll();  // seen, settling: due in a second, not now
    second.Poll();
  }
  // Nothing to wait on: a plain sleep.
  const Clock::time_point start = Clock::now();
  EXPECT_FALSE(HotFolder::WaitAny({}, milliseconds(200)));
  EXPECT_GE(Clock::now() - start, milliseconds(190));
}

// Lowers the open-file limit so that the next descriptor cannot be opened,
// which is how exhausted inotify limits look to us; restores it on exit.
class NoMoreFds {
 public:
  NoMoreFds() {
    getrlimit(RLIMIT_NOFILE, &saved_);
    const int lowest_free = dup(0);
    close(lowest_free);
    rlimit low = saved_;
    low.rlim_cur = static_cast<rlim_t>(lowest_free);
    setrlimit(RLIMIT_NOFILE, &low);
  }
  ~NoMoreFds() { setrlimit(RLIMIT_NOFILE, &saved_); }

 private:
  rlimit saved_{};
};

TEST_F(HotFolderTest, PollsOnlyWhenInotifyCannotStart) {
  ::intake::testing::TempDir outside;
  const std::string staged = outside.File("late.tif");
  std::ofstream(staged) << "x";
  HotFolder folder(dir_, 0.0);
  {
    NoMoreFds limit;
    EXPECT_FALSE(folder.Watch());
    EXPECT_TRUE(folder.Poll().empty());  // cannot even list: no crash
    EXPECT_FALSE(folder.watching());
    EXPECT_NE(folder.watch_error().find("inotify_init"), std::string::npos)
        << folder.watch_error();
    // A file arrives (rename needs no descriptor) but nothing reports it:
    // Wait() sleeps its whole timeout, as a poll interval would.
    std::thread mover([&] {
      SleepFor(milliseconds(100));
      fs::rename(staged, dir_ + "/late.tif");
    });
    const Clock::time_point start = Clock::now();
    EXPECT_FALSE(folder.Wait(milliseconds(600)));
    EXPECT_GE(Clock::now() - start, milliseconds(550));
    mover.join();
  }
  // The timed Poll() finds it, and tries inotify again, now with success.
  EXPECT_EQ(folder.Poll(), std::vector<std::string>{dir_ + "/late.tif"});
  EXPECT_TRUE(folder.watching()) << folder.watch_error();
}

TEST_F(HotFolderTest, WatchedFolderRemovedThenRecreated) {
  const std::string inbox = dir_ + "/inbox";
  HotFolder folder(inbox, 0.0);
  ASSERT_TRUE(folder.Prepare().ok());
  ASSERT_TRUE(folder.Watch()) << folder.watch_error();
  EXPECT_TRUE(folder.Poll().empty());
  std::thread remover([&] {
    SleepFor(milliseconds(100));
    fs::remove_all(inbox);
  });
  Clock::time_point start = Clock::now();
  EXPECT_TRUE(folder.Wait(seconds(2)));  // the folder itself went away
  EXPECT_LT(Clock::now() - start, milliseconds(300));
  remover.join();
  EXPECT_FALSE(folder.watching());
  EXPECT_FALSE(folder.watch_error().empty());
  // Not recreated behind the operator's back; polled until it is back.
  EXPECT_TRUE(folder.Poll().empty());
  EXPECT_FALSE(fs::exists(inbox));
  EXPECT_FALSE(folder.watching());
  start = Clock::now();
  EXPECT_FALSE(folder.Wait(milliseconds(300)));
  EXPECT_GE(Clock::now() - start, milliseconds(290));
  fs::create_directory(inbox);
  std::ofstream(inbox + "/back.tif") << "x";
  EXPECT_EQ(folder.Poll(), std::vector<std::string>{inbox + "/back.tif"});
  EXPECT_TRUE(folder.watching()) << folder.watch_error();
  // The new folder is watched: a new file wakes the wait again.
  std::thread writer([&] {
    SleepFor(milliseconds(100));
    std::ofstream(inbox + "/next.tif") << "x";
  });
  start = Clock::now();
  EXPECT_TRUE(folder.Wait(seconds(2)));
  EXPECT_LT(Clock::now() - start, milliseconds(300));
  writer.join();
}

TEST_F(HotFolderTest, MovedFoldersKeepTheirWatchAndCloseTheirFds) {
  const int fds_before = OpenFdCount();
  {
    std::vector<HotFolder> folders;
    for (int i = 0; i < 8; ++i) {  // reallocations move the earlier ones
      folders.emplace_back(dir_, 0.0);
      ASSERT_TRUE(folders.back().Watch()) << folders.back().watch_error();
      folders.back().Poll();
    }
    HotFolder moved = std::move(folders[0]);
    EXPECT_TRUE(moved.watching());
    EXPECT_FALSE(folders[0].watching());
    folders[1] = std::move(moved);
    std::thread writer([&] {
      SleepFor(milliseconds(100));
      Write("moved.tif", "x");
    });
    EXPECT_TRUE(folders[1].Wait(seconds(2)));
    writer.join();
    EXPECT_EQ(folders[1].Poll(), std::vector<std::string>{dir_ + "/moved.tif"});
  }
  EXPECT_EQ(OpenFdCount(), fds_before);
}

}  // namespace
}  // namespace intake::capture
