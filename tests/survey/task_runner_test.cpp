// The task runner: work off the UI thread, progress, cancel, completion on the
// caller's thread in drain(), and the wake that the shell turns into
// glfwPostEmptyEvent.
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "kiosk/survey/task_runner.hpp"

using namespace shogo::survey;

TEST_CASE("a task runs off the calling thread and its result arrives in drain(), once") {
  TaskRunner tasks;
  std::atomic<int> wakes{0};
  tasks.set_wake([&] { ++wakes; });
  const auto caller = std::this_thread::get_id();
  std::thread::id worker;
  int result = 0, calls = 0;
  std::thread::id done_on;
  tasks.start<int>(
      "count",
      [&](TaskControl&) {
        worker = std::this_thread::get_id();
        return 42;
      },
      [&](int r) {
        result = r;
        ++calls;
        done_on = std::this_thread::get_id();
      });
  tasks.wait();
  CHECK(worker != caller);
  CHECK(calls == 0);  // not before drain(): the UI thread takes it at the start of a frame
  CHECK(wakes >= 1);  // the end of the task woke the frame loop
  tasks.drain();
  CHECK(result == 42);
  CHECK(calls == 1);
  CHECK(done_on == caller);
  tasks.drain();
  CHECK(calls == 1);
  CHECK_FALSE(tasks.busy());
}

TEST_CASE("progress is visible while the task runs, and a report wakes the frame loop") {
  TaskRunner tasks;
  std::atomic<int> wakes{0};
  tasks.set_wake([&] { ++wakes; });
  std::mutex m;
  std::condition_variable cv;
  bool reported = false, go_on = false;
  tasks.start<int>(
      "import",
      [&](TaskControl& c) {
        c.report(500, 2000);
        {
          std::unique_lock<std::mutex> lock(m);
          reported = true;
          cv.notify_all();
          cv.wait(lock, [&] { return go_on; });
        }
        return 0;
      },
      [](int) {});
  {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return reported; });
  }
  CHECK(tasks.busy());
  const TaskProgress p = tasks.progress();
  CHECK(p.name == "import");
  CHECK(p.done == 500);
  CHECK(p.total == 2000);
  CHECK(p.fraction() == Approx(0.25));
  CHECK(wakes == 1);
  {
    std::lock_guard<std::mutex> lock(m);
    go_on = true;
  }
  cv.notify_all();
  tasks.wait();
  tasks.drain();
  CHECK_FALSE(tasks.busy());
  CHECK(tasks.progress().name.empty());
}

TEST_CASE("cancel() reaches the work and stop() drops its result") {
  TaskRunner tasks;
  bool done_called = false;
  tasks.start<bool>(
      "long",
      [](TaskControl& c) {
        while (!c.cancelled()) std::this_thread::yield();
        return true;
      },
      [&](bool) { done_called = true; });
  tasks.stop();
  tasks.drain();
  CHECK_FALSE(done_called);
  CHECK_FALSE(tasks.busy());
  // The runner takes the next task after a stopped one.
  int got = 0;
  tasks.start<int>(
      "next", [](TaskControl&) { return 7; }, [&](int r) { got = r; });
  tasks.wait();
  tasks.drain();
  CHECK(got == 7);
}
