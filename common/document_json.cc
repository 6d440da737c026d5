#include "common/document_json.h"

#include <cmath>

namespace intake {
namespace {

using nlohmann::json;

// Confidences and angles are printed with a few decimals: more digits than
// that are noise to a reader and churn in diffs of exports.
double Round(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

nlohmann::ordered_json NullIfEmpty(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s);
}

nlohmann::ordered_json FieldValue(const Field& f) {
  if (f.is_list) return f.values;
  return f.values.empty() ? nlohmann::ordered_json()
                          : nlohmann::ordered_json(f.values.front());
}

}  // namespace

nlohmann::ordered_json ToExportJson(const Document& doc) {
  using ojson = nlohmann::ordered_json;
  const Classification& c = doc.classification;
  ojson fields = ojson::object();
  for (const auto& [name, f] : c.fields) {
    fields[name] = {{"value", FieldValue(f)},
                    {"confidence", Round(f.confidence, 3)},
                    {"page", f.page}};
  }
  ojson pages = ojson::array();
  for (const Page& p : doc.pages) {
    pages.push_back(
        {{"number", p.number},
         {"sha256", p.sha256},
         {"rotation", p.rotation},
         {"skew_deg", Round(p.skew_deg, 2)},
         {"dpi", p.dpi},
         {"blank", p.blank},
         {"ocr_confidence", Round(p.ocr_confidence, 3)},
         {"image_sha256", NullIfEmpty(p.image_sha256)},
         {"hocr_sha256", NullIfEmpty(p.hocr_sha256)},
         {"error", NullIfEmpty(p.error)},
         {"source_page", p.source_page > 0 ? p.source_page : p.number}});
  }
  ojson out = {
      {"id", doc.id},
      {"status", std::string(ToString(doc.status))},
      {"review_reasons", c.review_reasons},
      {"source",
       {{"file", doc.source.file},
        {"path", doc.source.path},
        {"scanner", doc.source.scanner},
        {"sha256", doc.source.sha256},
        {"received_at", doc.source.received_at}}},
      {"doc_type",
       {{"value", c.doc_type}, {"confidence", Round(c.type_confidence, 3)}}},
      {"fields", fields},
      {"patient",
       {{"id", NullIfEmpty(c.patient.id)},
        {"mrn", NullIfEmpty(c.patient.mrn)},
        {"name", NullIfEmpty(c.patient.name)},
        {"match", c.patient.match}}},
      {"pages", pages},
      {"text", JoinPageText(doc.pages)},
      {"outputs", {{"searchable_pdf", NullIfEmpty(doc.pdf_sha256)}}},
      // Added to the contract: where routing sends it, and which batch
      // (file or feeder run) it was split from.
      {"destinations", c.destinations},
      {"batch", {{"id", doc.batch_id}, {"part", doc.batch_part}}},
  };
  if (doc.status == PageState::kQuarantined) {
    out["quarantine_reason"] = doc.quarantine_reason;
  }
  return out;
}

json ToJson(const Word& w) {
  // Compact positional form: pages carry hundreds of words.
  return json::array({w.text, w.x, w.y, w.w, w.h, Round(w.confidence, 3)});
}

std::vector<Word> WordsFromJson(const json& j) {
  std::vector<Word> words;
  if (!j.is_array()) return words;
  words.reserve(j.size());
  for (const json& e : j) {
    if (!e.is_array() || e.size() != 6) continue;
    words.push_back({e[0].get<std::string>(), e[1].get<int>(), e[2].get<int>(),
                     e[3].get<int>(), e[4].get<int>(), e[5].get<float>()});
  }
  return words;
}

json ToJson(const Page& p) {
  json words = json::array();
  for (const Word& w : p.words) words.push_back(ToJson(w));
  return {{"number", p.number},
          {"sha256", p.sha256},
          {"state", std::string(ToString(p.state))},
          {"rotation", p.rotation},
          {"skew_deg", p.skew_deg},
          {"dpi", p.dpi},
          {"blank", p.blank},
          {"ocr_confidence", p.ocr_confidence},
          {"width", p.width},
          {"height", p.height},
          {"text", p.text},
          {"words", words},
          {"error", p.error},
          {"image_sha256", p.image_sha256},
          {"hocr_sha256", p.hocr_sha256}};
}

Result<Page> PageFromJson(const json& j) {
  try {
    Page p;
    p.number = j.at("number").get<int>();
    p.sha256 = j.value("sha256", "");
    auto state = ParsePageState(j.value("state", "received"));
    if (!state) return Status::Corrupt("page has an unknown state");
    p.state = *state;
    p.rotation = j.value("rotation", 0);
    p.skew_deg = j.value("skew_deg", 0.0);
    p.dpi = j.value("dpi", 0);
    p.blank = j.value("blank", false);
    p.ocr_confidence = j.value("ocr_confidence", 0.0);
    p.width = j.value("width", 0);
    p.height = j.value("height", 0);
    p.text = j.value("text", "");
    if (j.contains("words")) p.words = WordsFromJson(j.at("words"));
    p.error = j.value("error", "");
    p.image_sha256 = j.value("image_sha256", "");
    p.hocr_sha256 = j.value("hocr_sha256", "");
    return p;
  } catch (const json::exception& e) {
    return Status::Corrupt(std::string("page JSON: ") + e.what());
  }
}

json ToJson(const Field& f) {
  return {{"values", f.values},
          {"is_list", f.is_list},
          {"confidence", f.confidence},
          {"page", f.page}};
}

Result<Field> FieldFromJson(const json& j) {
  try {
    Field f;
    f.values = j.at("values").get<std::vector<std::string>>();
    f.is_list = j.value("is_list", false);
    f.confidence = j.value("confidence", 0.0);
    f.page = j.value("page", 0);
    return f;
  } catch (const json::exception& e) {
    return Status::Corrupt(std::string("field JSON: ") + e.what());
  }
}

json ToJson(const Classification& c) {
  json fields = json::object();
  for (const auto& [name, f] : c.fields) fields[name] = ToJson(f);
  return {{"doc_type", c.doc_type},
          {"type_confidence", c.type_confidence},
          {"fields", fields},
          {"review_reasons", c.review_reasons},
          {"destinations", c.destinations},
          {"patient",
           {{"id", c.patient.id},
            {"mrn", c.patient.mrn},
            {"name", c.patient.name},
            {"match", c.patient.match}}},
          {"status", std::string(ToString(c.status))}};
}

Result<Classification> ClassificationFromJson(const json& j) {
  try {
    Classification c;
    c.doc_type = j.at("doc_type").get<std::string>();
    c.type_confidence = j.value("type_confidence", 0.0);
    const json fields = j.value("fields", json::object());
    for (const auto& [name, fj] : fields.items()) {
      Result<Field> f = FieldFromJson(fj);
      if (!f.ok()) return f.status();
      c.fields[name] = std::move(f).value();
    }
    c.review_reasons = j.value("review_reasons", std::vector<std::string>{});
    c.destinations = j.value("destinations", std::vector<std::string>{});
    const json p = j.value("patient", json::object());
    c.patient.id = p.value("id", "");
    c.patient.mrn = p.value("mrn", "");
    c.patient.name = p.value("name", "");
    c.patient.match = p.value("match", "none");
    auto status = ParsePageState(j.value("status", "needs_review"));
    if (!status) return Status::Corrupt("classification has an unknown status");
    c.status = *status;
    return c;
  } catch (const json::exception& e) {
    return Status::Corrupt(std::string("classification JSON: ") + e.what());
  }
}

json ToJson(const Source& s) {
  return {{"file", s.file},
          {"path", s.path},
          {"scanner", s.scanner},
          {"sha256", s.sha256},
          {"received_at", s.received_at},
          {"size", s.size}};
}

Result<Source> SourceFromJson(const json& j) {
  try {
    Source s;
    s.file = j.value("file", "");
    s.path = j.value("path", "");
    s.scanner = j.value("scanner", "");
    s.sha256 = j.value("sha256", "");
    s.received_at = j.value("received_at", "");
    s.size = j.value("size", std::int64_t{0});
    return s;
  } catch (const json::exception& e) {
    return Status::Corrupt(std::string("source JSON: ") + e.what());
  }
}

}  // namespace intake
