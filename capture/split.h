// Splitting a captured stack into documents: separator sheets and patient
// labels (DESIGN.md: "split on separator sheets, read patient-label
// barcodes").
//
// A page carrying the separator barcode ends one document and starts the
// next; the sheet itself belongs to no document. A barcode matching the
// patient-label pattern gives its document's MRN. Pure functions of the
// barcodes found on each page; thread-safe.
#ifndef INTAKE_CAPTURE_SPLIT_H_
#define INTAKE_CAPTURE_SPLIT_H_

#include <regex>
#include <string>
#include <vector>

#include "capture/barcode.h"
#include "common/status.h"

namespace intake::capture {

struct SplitOptions {
  // Barcode text (case-insensitive) or symbology ("PATCH-T") of a separator
  // sheet; empty: no separator sheets.
  std::string separator;
  // ECMAScript regex a patient-label barcode's whole text matches; its first
  // group (else the whole text) is the MRN. Empty: no patient labels.
  std::string patient_pattern;
  // Symbology the patient label must have ("Code128", "QRCode", ...);
  // empty: any.
  std::string patient_symbology;

  bool reads_barcodes() const {
    return !separator.empty() || !patient_pattern.empty();
  }
};

// Checks the options (the pattern must compile); the message names the key.
Status ValidateSplitOptions(const SplitOptions& options);

struct SplitPlan {
  // For each page of the stack: its document (1-based), or 0 for a separator
  // sheet. Documents are numbered without gaps; leading, trailing and
  // repeated separators make no empty documents.
  std::vector<int> document_of_page;
  int documents = 0;
  int separators = 0;
  // Per document (index document - 1): the MRN its patient label gives, or
  // empty. The first label of a document wins.
  std::vector<std::string> mrn;
  std::vector<int> mrn_page;  // 0-based page of the stack it was read on
};

// `barcodes[i]` are the barcodes found on page i. Options must be valid.
SplitPlan PlanSplit(const std::vector<std::vector<Barcode>>& barcodes,
                    const SplitOptions& options);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_SPLIT_H_
