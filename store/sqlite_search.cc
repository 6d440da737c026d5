// SqliteStore::Search: FTS5 full-text search with type and patient filters.
#include "store/fts_query.h"
#include "store/sqlite_store.h"

namespace intake::store {
namespace {

constexpr int kDefaultLimit = 20;
constexpr int kMaxLimit = 1000;
constexpr int kSnippetWords = 12;

int Limit(const SearchQuery& q) {
  if (q.limit <= 0) return kDefaultLimit;
  return q.limit > kMaxLimit ? kMaxLimit : q.limit;
}

}  // namespace

Result<std::vector<SearchHit>> SqliteStore::Search(const SearchQuery& q) {
  const std::string match = FtsMatchExpression(q.text);
  if (match.empty()) return ListRecent(q);
  // CROSS JOIN keeps doc_text the outer loop, which bm25() and snippet()
  // need. Ties go to the newer document.
  Result<Stmt> stmt = db_.Prepare(
      "SELECT d.id, d.doc_type, d.status, d.patient_name, bm25(doc_text),"
      " snippet(doc_text, 0, '[', ']', '…', " +
          std::to_string(kSnippetWords) +
          ")"
          " FROM doc_text CROSS JOIN documents d ON d.seq = doc_text.rowid"
          " WHERE doc_text MATCH ?1 AND (?2 = '' OR d.doc_type = ?2)"
          " AND (?3 = '' OR d.patient_mrn = ?3)"
          " ORDER BY bm25(doc_text), d.seq DESC LIMIT ?4",
      "search documents");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, match)
      .Bind(2, q.doc_type)
      .Bind(3, q.patient_mrn)
      .Bind(4, Limit(q));
  std::vector<SearchHit> hits;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return hits;
    hits.push_back({stmt->Text(0), stmt->Text(1), stmt->Text(2), stmt->Text(3),
                    -stmt->Real(4), OneLine(stmt->Text(5))});
  }
}

// No words to look for: the newest documents that pass the filters.
Result<std::vector<SearchHit>> SqliteStore::ListRecent(const SearchQuery& q) {
  Result<Stmt> stmt = db_.Prepare(
      "SELECT d.id, d.doc_type, d.status, d.patient_name,"
      " substr(COALESCE(t.text, ''), 1, 400)"
      " FROM documents d LEFT JOIN doc_text t ON t.rowid = d.seq"
      " WHERE (?1 = '' OR d.doc_type = ?1) AND (?2 = '' OR d.patient_mrn = ?2)"
      " ORDER BY d.seq DESC LIMIT ?3",
      "list documents for search");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, q.doc_type).Bind(2, q.patient_mrn).Bind(3, Limit(q));
  std::vector<SearchHit> hits;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return hits;
    hits.push_back({stmt->Text(0), stmt->Text(1), stmt->Text(2), stmt->Text(3),
                    0.0, LeadingWords(stmt->Text(4), kSnippetWords)});
  }
}

}  // namespace intake::store
