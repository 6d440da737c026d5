#include "classify/patient_csv.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "classify/validators.h"

namespace intake::classify {
namespace {

struct CsvRecord {
  int line = 0;  // 1-based line the record starts on
  std::vector<std::string> fields;
};

// Splits RFC 4180 text into records. `*error` is set (and the records so far
// returned) on a quoting error.
std::vector<CsvRecord> SplitRecords(std::string_view text,
                                    const std::string& file, Status* error) {
  std::vector<CsvRecord> out;
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    CsvRecord rec;
    rec.line = line;
    std::string cell;
    bool done = false;
    while (!done) {
      if (i < text.size() && text[i] == '"') {
        ++i;
        bool closed = false;
        while (i < text.size()) {
          char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              cell += '"';
              ++i;
            } else {
              closed = true;
              break;
            }
          } else {
            if (c == '\n') ++line;
            cell += c;
          }
        }
        if (!closed) {
          *error = Status::InvalidArgument(
              file + ":" + std::to_string(rec.line) + ": column " +
              std::to_string(rec.fields.size() + 1) +
              ": quoted field is never closed");
          return out;
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' &&
            text[i] != '\r') {
          *error = Status::InvalidArgument(
              file + ":" + std::to_string(line) + ": column " +
              std::to_string(rec.fields.size() + 1) +
              ": text after a closing quote");
          return out;
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n' &&
               text[i] != '\r') {
          if (text[i] == '"') {
            *error = Status::InvalidArgument(
                file + ":" + std::to_string(line) + ": column " +
                std::to_string(rec.fields.size() + 1) +
                ": '\"' inside an unquoted field (quote the whole field)");
            return out;
          }
          cell += text[i++];
        }
      }
      rec.fields.push_back(std::move(cell));
      cell.clear();
      if (i >= text.size()) {
        done = true;
      } else if (text[i] == ',') {
        ++i;
      } else {  // line end: \n, \r\n or a lone \r
        if (text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        ++line;
        done = true;
      }
    }
    bool blank = rec.fields.size() == 1 &&
                 std::all_of(rec.fields[0].begin(), rec.fields[0].end(),
                             [](char c) { return c == ' ' || c == '\t'; });
    if (!blank) out.push_back(std::move(rec));
  }
  return out;
}

std::string Strip(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// "Last Name" / "LAST_NAME" / " last-name " -> "last_name".
std::string ColumnKey(const std::string& header) {
  std::string out;
  for (char c : Strip(header)) {
    if (c == ' ' || c == '-' || c == '_') {
      if (!out.empty() && out.back() != '_') out += '_';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (out == "date_of_birth" || out == "birth_date") return "dob";
  if (out == "member" || out == "member_number") return "member_id";
  return out;
}

// Uppercase, spaces removed; nothing when other than letters, digits, '-'.
std::optional<std::string> Identifier(const std::string& raw) {
  std::string out;
  for (char c : raw) {
    if (c == ' ' || c == '\t') continue;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
      return std::nullopt;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

constexpr const char* kRequired[] = {"mrn", "last_name", "first_name", "dob"};

}  // namespace

Result<std::vector<PatientRecord>> ParsePatientCsv(
    std::string_view text, const std::string& file_name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Status error;
  std::vector<CsvRecord> records = SplitRecords(text, file_name, &error);
  if (!error.ok()) return error;
  if (records.empty()) {
    return Status::InvalidArgument(file_name +
                                   ":1: empty file (expected a "
                                   "header with mrn, last_name, "
                                   "first_name, dob)");
  }
  const CsvRecord& header = records[0];
  std::map<std::string, size_t> column;
  for (size_t c = 0; c < header.fields.size(); ++c) {
    std::string key = ColumnKey(header.fields[c]);
    if (key.empty()) continue;
    if (!column.emplace(key, c).second) {
      return Status::InvalidArgument(file_name + ":" +
                                     std::to_string(header.line) +
                                     ": header: column '" + key + "' twice");
    }
  }
  for (const char* name : kRequired) {
    if (column.count(name) == 0) {
      return Status::InvalidArgument(
          file_name + ":" + std::to_string(header.line) +
          ": header: missing column '" + name +
          "' (required: mrn, last_name, first_name, dob)");
    }
  }
  const CivilDate today = Today();
  std::vector<PatientRecord> out;
  std::map<std::string, int> mrn_line;
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    std::string where = file_name + ":" + std::to_string(rec.line) + ": ";
    if (rec.fields.size() != header.fields.size()) {
      return Status::InvalidArgument(where + "expected " +
                                     std::to_string(header.fields.size()) +
                                     " fields as in the header, found " +
                                     std::to_string(rec.fields.size()));
    }
    auto get = [&](const char* name) {
      auto it = column.find(name);
      return it == column.end() ? std::string() : Strip(rec.fields[it->second]);
    };
    for (const char* name : kRequired) {
      if (get(name).empty()) {
        return Status::InvalidArgument(where + name + ": empty");
      }
    }
    PatientRecord p;
    auto mrn = Identifier(get("mrn"));
    if (!mrn || mrn->empty()) {
      return Status::InvalidArgument(where + "mrn: '" + get("mrn") +
                                     "' is not an identifier (letters, "
                                     "digits and '-')");
    }
    p.mrn = *mrn;
    auto member = Identifier(get("member_id"));
    if (!member) {
      return Status::InvalidArgument(where + "member_id: '" + get("member_id") +
                                     "' is not an identifier");
    }
    p.member_id = *member;
    auto dob = ParseDateText(get("dob"), today);
    if (!dob) {
      return Status::InvalidArgument(where + "dob: '" + get("dob") +
                                     "' is not a date");
    }
    if (std::stoi(dob->substr(0, 4)) < today.year - 120) {
      return Status::InvalidArgument(where + "dob: '" + get("dob") +
                                     "' is more than 120 years ago");
    }
    p.dob = *dob;
    p.last_name = get("last_name");
    p.first_name = get("first_name");
    p.sex = get("sex");
    p.phone = get("phone");
    p.id = get("id").empty() ? p.mrn : get("id");
    auto [it, fresh] = mrn_line.emplace(p.mrn, rec.line);
    if (!fresh) {
      return Status::InvalidArgument(where + "mrn: '" + p.mrn +
                                     "' already on line " +
                                     std::to_string(it->second));
    }
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<PatientRecord>> LoadPatientCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open the patient file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  return ParsePatientCsv(text.str(), path);
}

}  // namespace intake::classify
