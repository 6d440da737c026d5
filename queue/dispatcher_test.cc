#include "queue/dispatcher.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>

#include "queue/worker.h"

namespace intake::queue {
namespace {

// Runs the coordinator side until `want` results have arrived or 20 s pass.
std::vector<JobResult> Collect(Dispatcher& d, size_t want) {
  std::vector<JobResult> results;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (results.size() < want && std::chrono::steady_clock::now() < deadline) {
    if (Poll({&d.socket()}, 100)[0]) {
      EXPECT_TRUE(d.Service(&results).ok());
    }
  }
  return results;
}

void StopAll(Dispatcher& d, int workers) {
  d.StopWorkers();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::vector<JobResult> ignored;
  while (d.stopped_workers() < workers &&
         std::chrono::steady_clock::now() < deadline) {
    if (Poll({&d.socket()}, 100)[0]) {
      EXPECT_TRUE(d.Service(&ignored).ok());
    }
  }
  EXPECT_EQ(d.stopped_workers(), workers);
}

TEST(DispatcherTest, EveryJobReturnsOnceAcrossWorkers) {
  Context ctx;
  Dispatcher d(ctx, "inproc://test/echo");
  ASSERT_TRUE(d.Bind().ok());
  constexpr int kWorkers = 3;
  std::atomic<int> handled[kWorkers] = {};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWorkers; ++w) {
    threads.emplace_back([&, w] {
      Status s = RunWorker(ctx, "inproc://test/echo", "echo",
                           [&, w](const Frames& in) -> Result<Frames> {
                             ++handled[w];
                             return Frames{in.at(0) + "!", in.at(1)};
                           });
      EXPECT_TRUE(s.ok()) << s.ToString();
    });
  }
  constexpr int kJobs = 60;
  const std::string big(1 << 20, 'x');  // payloads of a page's size
  for (int i = 0; i < kJobs; ++i)
    d.Submit(std::to_string(i), {"job" + std::to_string(i), big});
  std::vector<JobResult> results = Collect(d, kJobs);
  ASSERT_EQ(results.size(), static_cast<size_t>(kJobs));
  std::set<std::string> ids;
  for (const JobResult& r : results) {
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.payload.at(0), "job" + r.job_id + "!");
    EXPECT_EQ(r.payload.at(1).size(), big.size());
    ids.insert(r.job_id);
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(kJobs));
  EXPECT_EQ(d.in_flight(), 0u);
  StopAll(d, kWorkers);
  for (auto& t : threads) t.join();
  EXPECT_EQ(handled[0] + handled[1] + handled[2], kJobs);
}

TEST(DispatcherTest, SlowWorkerDoesNotHoldBackTheOthers) {
  Context ctx;
  Dispatcher d(ctx, "inproc://test/fair");
  ASSERT_TRUE(d.Bind().ok());
  std::atomic<int> slow_jobs = 0, fast_jobs = 0;
  std::thread slow([&] {
    RunWorker(ctx, "inproc://test/fair", "x",
              [&](const Frames&) -> Result<Frames> {
                ++slow_jobs;
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                return Frames{};
              });
  });
  std::thread fast([&] {
    RunWorker(ctx, "inproc://test/fair", "x",
              [&](const Frames&) -> Result<Frames> {
                ++fast_jobs;
                return Frames{};
              });
  });
  // Let both announce themselves before work arrives.
  std::vector<JobResult> none;
  for (int i = 0; i < 10; ++i) {
    if (Poll({&d.socket()}, 50)[0]) {
      ASSERT_TRUE(d.Service(&none).ok());
    }
  }
  for (int i = 0; i < 20; ++i) d.Submit(std::to_string(i), {});
  ASSERT_EQ(Collect(d, 20).size(), 20u);
  // Round-robin would give the slow worker 10 jobs (3 s); idle-first gives it
  // at most the one it started with.
  EXPECT_LE(slow_jobs.load(), 2);
  EXPECT_EQ(slow_jobs + fast_jobs, 20);
  StopAll(d, 2);
  slow.join();
  fast.join();
}

TEST(DispatcherTest, HandlerErrorsAndExceptionsBecomeErrorResults) {
  Context ctx;
  Dispatcher d(ctx, "inproc://test/errors");
  ASSERT_TRUE(d.Bind().ok());
  std::thread worker([&] {
    RunWorker(ctx, "inproc://test/errors", "x",
              [](const Frames& in) -> Result<Frames> {
                if (in.at(0) == "throw") throw std::runtime_error("boom");
                if (in.at(0) == "fail") return Status::Corrupt("bad page");
                return Frames{"fine"};
              });
  });
  d.Submit("a", {"throw"});
  d.Submit("b", {"fail"});
  d.Submit("c", {"ok"});
  std::vector<JobResult> results = Collect(d, 3);
  ASSERT_EQ(results.size(), 3u);
  std::map<std::string, JobResult> by_id;
  for (auto& r : results) by_id[r.job_id] = r;
  EXPECT_FALSE(by_id["a"].ok);
  EXPECT_NE(by_id["a"].error.find("boom"), std::string::npos);
  EXPECT_FALSE(by_id["b"].ok);
  EXPECT_EQ(by_id["b"].error, "bad page");
  ASSERT_TRUE(by_id["c"].ok);
  EXPECT_EQ(by_id["c"].payload.at(0), "fine");
  StopAll(d, 1);
  worker.join();
}

TEST(DispatcherTest, ContextShutdownReleasesABlockedWorker) {
  Context ctx;
  std::thread worker([&] {
    // Nobody binds this endpoint's jobs: the worker waits until shutdown.
    Status s =
        RunWorker(ctx, "inproc://test/nobody", "x",
                  [](const Frames&) -> Result<Frames> { return Frames{}; });
    EXPECT_EQ(s.code(), Status::Code::kUnavailable);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ctx.Shutdown();
  worker.join();
}

TEST(DispatcherTest, WorkerStartingAfterShutdownEndsQuietly) {
  // A pipeline whose start failed shuts its context down before every worker
  // thread has run: a late worker must end, not abort the process.
  Context ctx;
  ctx.Shutdown();
  Status s =
      RunWorker(ctx, "inproc://test/late", "x",
                [](const Frames&) -> Result<Frames> { return Frames{}; });
  EXPECT_EQ(s.code(), Status::Code::kUnavailable);
}

}  // namespace
}  // namespace intake::queue
