#include "app/progress.h"

#include <unistd.h>

#include <cstdio>

namespace intake::app {

ProgressBar::ProgressBar(int total_files, bool enabled)
    : total_(total_files),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { Finish(); }

bool ProgressBar::StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

void ProgressBar::Update(int files_done, int pages_done,
                         const std::string& current) {
  files_ = files_done;
  pages_ = pages_done;
  current_ = current;
  Draw(false);
}

void ProgressBar::Println(const std::string& line) {
  if (enabled_ && drawn_) std::fputs("\r\033[K", stderr);
  std::fprintf(stderr, "%s\n", line.c_str());
  if (drawn_) Draw(true);
}

void ProgressBar::Finish() {
  if (enabled_ && drawn_) std::fputs("\r\033[K", stderr);
  drawn_ = false;
  enabled_ = false;
}

void ProgressBar::Draw(bool force) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) {
    return;
  }
  last_draw_ = now;
  const double minutes =
      std::chrono::duration<double>(now - start_).count() / 60.0;
  constexpr int kWidth = 24;
  const int filled = total_ > 0 ? kWidth * files_ / total_ : 0;
  std::string bar(filled, '#');
  bar.resize(kWidth, '.');
  std::string name = current_.size() > 30
                         ? "..." + current_.substr(current_.size() - 27)
                         : current_;
  std::fprintf(stderr, "\r\033[K[%s] %d/%d files  %d pages  %.0f pages/min  %s",
               bar.c_str(), files_, total_, pages_,
               minutes > 0.01 ? pages_ / minutes : 0.0, name.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace intake::app
