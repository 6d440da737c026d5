#include "app/messages.h"

#include <nlohmann/json.hpp>

#include "common/document_json.h"

namespace intake::app {
namespace {

using nlohmann::json;
constexpr std::string_view kFile = "FILE";
constexpr std::string_view kEvent = "EVENT";

json ImageHeader(const PageImage& p) {
  json h = {{"width", p.width},
            {"height", p.height},
            {"channels", p.channels},
            {"dpi_x", p.dpi_x},
            {"dpi_y", p.dpi_y}};
  if (p.text_layer) {
    json words = json::array();
    for (const Word& w : p.text_layer->words) words.push_back(ToJson(w));
    h["text_layer"] = {{"text", p.text_layer->text}, {"words", words}};
  }
  return h;
}

// Reads a header written by ImageHeader and checks it against the pixels.
Status ReadImage(const json& h, std::string pixels, PageImage* p) {
  p->width = h.at("width").get<int>();
  p->height = h.at("height").get<int>();
  p->channels = h.at("channels").get<int>();
  p->dpi_x = h.value("dpi_x", 0);
  p->dpi_y = h.value("dpi_y", 0);
  if (const auto layer = h.find("text_layer"); layer != h.end()) {
    p->text_layer = TextLayer{layer->at("text").get<std::string>(),
                              WordsFromJson(layer->at("words"))};
  }
  if (p->width <= 0 || p->height <= 0 ||
      (p->channels != 1 && p->channels != 3) ||
      pixels.size() !=
          static_cast<size_t>(p->width) * p->height * p->channels) {
    return Status::Corrupt("page image header does not match its pixels");
  }
  p->pixels = std::move(pixels);
  return Status::Ok();
}

}  // namespace

Frames EncodeCapturedFile(CapturedFile file) {
  json head = ToJson(file.source);
  head["unreadable"] = file.unreadable;
  head["pages_received"] = file.pages_received;
  head["separator_pages"] = file.separator_pages;
  head["note"] = file.note;
  head["document_mrn"] = file.document_mrn;
  head["document_mrn_page"] = file.document_mrn_page;
  Frames f = queue::MakeFrames(queue::kProtocol, kFile, head.dump(),
                               std::move(file.original), file.error);
  for (size_t i = 0; i < file.pages.size(); ++i) {
    json h = ImageHeader(file.pages[i]);
    h["sha256"] = i < file.page_sha256.size() ? file.page_sha256[i] : "";
    h["document"] = i < file.page_document.size() ? file.page_document[i] : 1;
    h["source_page"] =
        i < file.page_source.size() ? file.page_source[i] : int(i) + 1;
    f.push_back(h.dump());
    f.push_back(std::move(file.pages[i].pixels));
  }
  return f;
}

Result<CapturedFile> DecodeCapturedFile(Frames f) {
  if (f.size() < 5 || f[0] != queue::kProtocol || f[1] != kFile ||
      (f.size() - 5) % 2 != 0) {
    return Status::Corrupt("malformed FILE message");
  }
  try {
    CapturedFile file;
    const json head = json::parse(f[2]);
    Result<Source> source = SourceFromJson(head);
    if (!source.ok()) return source.status();
    file.unreadable = head.value("unreadable", false);
    file.pages_received = head.value("pages_received", 0);
    file.separator_pages = head.value("separator_pages", 0);
    file.note = head.value("note", "");
    file.document_mrn = head.value("document_mrn", std::vector<std::string>());
    file.document_mrn_page =
        head.value("document_mrn_page", std::vector<int>());
    file.document_mrn_page.resize(file.document_mrn.size(), 1);
    file.source = std::move(source).value();
    file.original = std::move(f[3]);
    file.error = std::move(f[4]);
    for (size_t i = 5; i < f.size(); i += 2) {
      json h = json::parse(f[i]);
      PageImage page;
      Status s = ReadImage(h, std::move(f[i + 1]), &page);
      if (!s.ok()) return s;
      const int document = h.value("document", 1);
      if (document < 1 || document > file.documents()) {
        return Status::Corrupt("malformed FILE message: page of document " +
                               std::to_string(document) + " of " +
                               std::to_string(file.documents()));
      }
      file.page_sha256.push_back(h.value("sha256", ""));
      file.page_document.push_back(document);
      file.page_source.push_back(h.value("source_page", 0));
      file.pages.push_back(std::move(page));
    }
    return file;
  } catch (const json::exception& e) {
    return Status::Corrupt(std::string("malformed FILE message: ") + e.what());
  }
}

Frames EncodeOcrJob(const std::string& doc_id, int page,
                    const std::string& sha256, PageImage image,
                    const OcrPageOptions& options) {
  json h = ImageHeader(image);
  h["doc_id"] = doc_id;
  h["page"] = page;
  h["sha256"] = sha256;
  h["use_text_layer"] = options.use_text_layer;
  h["blank_threshold"] = options.blank_threshold;
  return queue::MakeFrames(h.dump(), std::move(image.pixels));
}

Result<OcrJob> DecodeOcrJob(Frames payload) {
  if (payload.size() != 2) return Status::Corrupt("malformed OCR job");
  try {
    json h = json::parse(payload[0]);
    OcrJob job;
    job.doc_id = h.at("doc_id").get<std::string>();
    job.page = h.at("page").get<int>();
    job.sha256 = h.value("sha256", "");
    job.options.use_text_layer = h.value("use_text_layer", true);
    job.options.blank_threshold =
        h.value("blank_threshold", job.options.blank_threshold);
    Status s = ReadImage(h, std::move(payload[1]), &job.image);
    if (!s.ok()) return s;
    return job;
  } catch (const json::exception& e) {
    return Status::Corrupt(std::string("malformed OCR job: ") + e.what());
  }
}

Frames EncodeClassifyJob(const std::string& doc_id,
                         const std::vector<Page>& pages) {
  json j = {{"doc_id", doc_id}, {"pages", json::array()}};
  for (const Page& p : pages) j["pages"].push_back(ToJson(p));
  return {j.dump()};
}

Result<std::vector<Page>> DecodeClassifyJob(const Frames& payload) {
  if (payload.size() != 1) return Status::Corrupt("malformed classify job");
  try {
    std::vector<Page> pages;
    // Named: a range-for over a member of a temporary would dangle.
    const json job = json::parse(payload[0]);
    for (const json& pj : job.at("pages")) {
      Result<Page> p = PageFromJson(pj);
      if (!p.ok()) return p.status();
      pages.push_back(std::move(p).value());
    }
    return pages;
  } catch (const json::exception& e) {
    return Status::Corrupt(std::string("malformed classify job: ") + e.what());
  }
}

Frames EncodeEvent(const Event& e) {
  json j = {{"kind", e.kind},           {"path", e.path},
            {"doc_id", e.doc_id},       {"status", e.status},
            {"doc_type", e.doc_type},   {"message", e.message},
            {"pages", e.pages},         {"recovered", e.recovered},
            {"documents", e.documents}, {"scanner", e.scanner}};
  return {std::string(queue::kProtocol), std::string(kEvent), j.dump()};
}

Result<Event> DecodeEvent(const Frames& f) {
  if (f.size() != 3 || f[0] != queue::kProtocol || f[1] != kEvent) {
    return Status::Corrupt("malformed EVENT message");
  }
  try {
    json j = json::parse(f[2]);
    Event e;
    e.kind = j.at("kind").get<std::string>();
    e.path = j.value("path", "");
    e.doc_id = j.value("doc_id", "");
    e.status = j.value("status", "");
    e.doc_type = j.value("doc_type", "");
    e.message = j.value("message", "");
    e.pages = j.value("pages", 0);
    e.recovered = j.value("recovered", false);
    e.documents = j.value("documents", 1);
    e.scanner = j.value("scanner", "");
    return e;
  } catch (const json::exception& ex) {
    return Status::Corrupt(std::string("malformed EVENT message: ") +
                           ex.what());
  }
}

}  // namespace intake::app
