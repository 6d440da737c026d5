// The CMS-1500 (02/12) health insurance claim form: recognising its pages and
// reading its boxes by position.
//
// The CMS-1500 is a fixed-layout federal form, so a value's box is known from
// where it sits on the page, not from a label beside it. A page is recognised
// either by its printed labels ("HEALTH INSURANCE CLAIM FORM", "PATIENT'S
// NAME", ...) found where the form prints them, or, when only the typed values
// are present (a PDF whose text layer holds the values alone), by values
// sitting in the form's boxes: a date split "MM DD YY" in box 3, ICD-10 codes
// in box 21, service dates in box 24A. Labels found on the page are anchors:
// a fit from their printed positions to where they were read absorbs a
// scanner's shift and scale; without anchors the page is taken as the whole
// letter-size form.
//
// Pure functions: safe to call from several threads.
#ifndef INTAKE_CLASSIFY_CLAIM_FORM_H_
#define INTAKE_CLASSIFY_CLAIM_FORM_H_

#include <vector>

#include "classify/fields.h"
#include "common/document.h"

namespace intake::classify {

struct ClaimFormMatch {
  bool is_cms1500 = false;
  double confidence = 0;  // [0,1] that some page is a CMS-1500
  // Whether the boxes were placed by the form's own printed labels found
  // where it prints them (else by the page's size and the values alone).
  bool anchored = false;
  // Values read from the boxes of the recognised pages, as DESIGN.md fields:
  // patient_name (box 2, "First Last"), dob (box 3), member_id (box 1a),
  // group_number (box 11), icd10 (box 21 A-L), cpt (box 24D, valid codes
  // only), service_date (box 24A "from" of the first service line), npi
  // (boxes 24J and 33a, Luhn-valid only). Never mrn: box 26 is the
  // provider's patient account number. Empty when no page is a CMS-1500 or
  // its pages have no word boxes.
  std::vector<FieldHit> hits;
};

// Recognises CMS-1500 pages among `pages` and reads their boxes. Pages need
// words with boxes in pixels and their width and height (else dpi) to be
// read; a page of text alone can be recognised by its labels but gives no
// hits. Dates after today are rejected.
ClaimFormMatch ReadClaimForm(const std::vector<Page>& pages);

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_CLAIM_FORM_H_
