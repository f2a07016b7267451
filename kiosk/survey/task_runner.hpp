#pragma once
// TaskRunner — the kiosk's one way to run slow work off the UI thread
// (checking a passphrase, previewing and importing a sheet; later the wipe
// and the report PDF).
//
//   start(name, work, done)  runs work(TaskControl&) on a worker thread; when it
//                            ends, done(result) runs on the UI thread in drain()
//   TaskControl              inside the work: report(done, total), cancelled()
//   progress()               the running task's name and how far it got
//   drain()                  at the start of every frame: finished tasks' done()
//   cancel() / wait()        ask the running task to stop / block until it ends
//   set_wake()               called (from the worker) whenever a task reports
//                            or ends: the shell wakes its frame loop with it
//                            (glfwPostEmptyEvent), so progress and results
//                            reach the screen without waiting for input
//
// The rule for the vault: **while a task runs, it owns the vault.** The UI
// thread does not call the vault until drain() has run the task's done():
// WorkSitting keeps the UI's audit events until then, screens load nothing,
// and every action that would touch the vault waits or is refused. One task
// runs at a time; start() while busy() is a programmer error.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace shogo::survey {

class TaskControl {
 public:
  // How far the work got: `done` of `total` units (total 0: not known).
  void report(std::uint64_t done, std::uint64_t total = 0);
  bool cancelled() const { return cancel_; }

 private:
  friend class TaskRunner;
  std::atomic<std::uint64_t> done_{0}, total_{0};
  std::atomic<bool> cancel_{false};
  std::function<void()> wake_;
  std::int64_t last_wake_ms_ = 0;  // progress wakes the UI at most every 50 ms
};

struct TaskProgress {
  std::string name;          // what runs, e.g. "import"; empty: nothing runs
  std::uint64_t done = 0;    // units so far (rows read, …)
  std::uint64_t total = 0;   // 0: not known
  double fraction() const {  // 0..1, or -1 when the total is not known
    return total == 0 ? -1.0 : static_cast<double>(done) / static_cast<double>(total);
  }
};

class TaskRunner {
 public:
  TaskRunner() = default;
  ~TaskRunner();  // cancels and waits
  TaskRunner(const TaskRunner&) = delete;
  TaskRunner& operator=(const TaskRunner&) = delete;

  void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }

  template <class R>
  void start(std::string name, std::function<R(TaskControl&)> work, std::function<void(R)> done) {
    auto result = std::make_shared<std::optional<R>>();
    launch(
        std::move(name),
        [work = std::move(work), result](TaskControl& c) { result->emplace(work(c)); },
        [done = std::move(done), result]() {
          if (result->has_value()) done(std::move(**result));
        });
  }

  bool busy() const { return running_; }
  TaskProgress progress() const;
  void drain();   // the UI thread, at the start of a frame
  void cancel();  // the running task sees cancelled()
  void wait();    // until the running task has ended (its done() still waits for drain())
  void stop();    // cancel, wait, and drop the ended task's done(): its result is not wanted

 private:
  void launch(std::string name, std::function<void(TaskControl&)> work,
              std::function<void()> finish);
  void wake() const {
    if (wake_) wake_();
  }

  std::function<void()> wake_;
  std::thread worker_;
  std::atomic<bool> running_{false};
  std::unique_ptr<TaskControl> control_;
  std::string name_;
  mutable std::mutex mutex_;
  std::function<void()> finished_;  // the ended task's done(), for drain()
};

}  // namespace shogo::survey
