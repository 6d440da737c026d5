// Field labels ("DOB", "Medical Record No", "CPT") found in a line of tokens.
//
// Besides the labels of DESIGN.md fields, the table holds "stop" labels
// (Phone, Sex, Physician, Insured's ...) that end the value before them and
// qualify a person label after them: "Emergency Contact Name" and "Insured's
// Date of Birth" are not the patient's. The table is a static constant:
// FindLabels is safe to call from several threads.
#ifndef INTAKE_CLASSIFY_LABELS_H_
#define INTAKE_CLASSIFY_LABELS_H_

#include <string>
#include <vector>

#include "classify/text.h"

namespace intake::classify {

// Internal field names for split name labels ("Last Name", "First Name");
// fields.cc joins them into patient_name.
inline constexpr char kFirstNamePart[] = "_first_name";
inline constexpr char kLastNamePart[] = "_last_name";
// A member's or subscriber's name: the patient's where no patient label
// names anyone (a card), the policy holder's beside one (an EOB's "Member:"
// over its "Patient:").
inline constexpr char kSubscriberName[] = "_subscriber_name";
// A member's or subscriber's birth date: the patient's as the name is.
inline constexpr char kSubscriberDob[] = "_subscriber_dob";

struct LabelMatch {
  std::string field;  // a field name, or empty for a stop label
  size_t begin = 0;   // token range [begin, end) of the line, including a
  size_t end = 0;     // trailing ':' or '-' token
  bool colon = false;
  double weight = 1.0;  // how much the label vouches for its value
};

// A form's box or item number: up to three letters and digits starting
// with a digit, then '.' or ')' ("11.", "1a.", "2)"), or one or two digits
// and a comma ("4,", the period misread); or "1a." / "11." with its 1
// misread as l, I, T or J and its dot as a comma ("Ta.", "la,"); "1a." read
// "da."; "11." with its first 1 read as any letter ("U1.").
bool IsBoxNumber(const Token& t);

// "11." read as two strokes with its period lost ("TT", "Il"): a box
// number only where its place says so (set off before its box's label).
bool IsBoxNumberReadAsStrokes(const Token& t);

// Label occurrences of `line`, left to right, not overlapping; at each
// position the longest label wins.
std::vector<LabelMatch> FindLabels(const Line& line);

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_LABELS_H_
