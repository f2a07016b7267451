#include "kiosk/survey/task_runner.hpp"

#include <cassert>
#include <chrono>
#include <optional>
#include <utility>

#include "crypto/secure_buffer.hpp"

namespace shogo::survey {

void TaskControl::report(std::uint64_t done, std::uint64_t total) {
  done_ = done;
  total_ = total;
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now().time_since_epoch())
                       .count();
  if (wake_ && now - last_wake_ms_ >= 50) {
    last_wake_ms_ = now;
    wake_();
  }
}

TaskRunner::~TaskRunner() { stop(); }

void TaskRunner::launch(std::string name, std::function<void(TaskControl&)> work,
                        std::function<void()> finish) {
  assert(!running_ && "TaskRunner::start() while a task is running");
  if (worker_.joinable()) worker_.join();  // the previous task has ended
  {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = nullptr;
    name_ = std::move(name);
  }
  control_ = std::make_unique<TaskControl>();
  control_->wake_ = wake_;
  running_ = true;
  worker_ = std::thread([this, work = std::move(work), finish = std::move(finish)]() mutable {
    work(*control_);
    crypto::wipe_stack();  // what the task parsed or read leaves with it
    {
      std::lock_guard<std::mutex> lock(mutex_);
      finished_ = std::move(finish);
    }
    running_ = false;
    wake();
  });
}

TaskProgress TaskRunner::progress() const {
  TaskProgress p;
  if (!running_ || !control_) return p;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    p.name = name_;
  }
  p.done = control_->done_;
  p.total = control_->total_;
  return p;
}

void TaskRunner::drain() {
  if (running_) return;
  std::function<void()> finish;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    finish = std::exchange(finished_, nullptr);
  }
  if (worker_.joinable()) worker_.join();
  if (finish) finish();
}

void TaskRunner::cancel() {
  if (running_ && control_) control_->cancel_ = true;
}

void TaskRunner::stop() {
  cancel();
  wait();
  std::lock_guard<std::mutex> lock(mutex_);
  finished_ = nullptr;
}

void TaskRunner::wait() {
  if (worker_.joinable()) worker_.join();
}

}  // namespace shogo::survey
