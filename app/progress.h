// ProgressBar: one self-rewriting line on stderr for long imports, shown only
// when stderr is a terminal. Not thread-safe (the command's thread draws it).
#ifndef INTAKE_APP_PROGRESS_H_
#define INTAKE_APP_PROGRESS_H_

#include <chrono>
#include <string>

namespace intake::app {

class ProgressBar {
 public:
  // `enabled` false draws nothing (pipes, logs, CI).
  ProgressBar(int total_files, bool enabled);
  ~ProgressBar();

  void Update(int files_done, int pages_done, const std::string& current);
  // Prints a line above the bar (an error) without garbling it.
  void Println(const std::string& line);
  void Finish();

  static bool StderrIsTerminal();

 private:
  void Draw(bool force);
  int total_;
  bool enabled_;
  int files_ = 0;
  int pages_ = 0;
  std::string current_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  bool drawn_ = false;
};

}  // namespace intake::app

#endif  // INTAKE_APP_PROGRESS_H_
