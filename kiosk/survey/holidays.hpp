#pragma once
// Japanese public holidays (国民の祝日) and the ward's closing days — which days
// the terminals do not operate (P6.3.a: the designated date is a day the
// terminals operated).
//
//   is_public_holiday()  a 国民の祝日, a 振替休日 or a 国民の休日, 2000–2099
//   is_closing_day()     Saturday, Sunday, a public holiday, or 29 Dec – 3 Jan
//   weekday()            0 = Sunday … 6 = Saturday
//
// The rules, as the Act on National Holidays (国民の祝日に関する法律) has them
// since 2000, computed rather than listed:
//   fixed days     1/1, 2/11, 2/23 (from 2020), 4/29, 5/3, 5/4, 5/5, 8/11 (from
//                  2016), 11/3, 11/23, 12/23 (2000–2018)
//   Happy Monday   成人の日 2nd Monday of January; スポーツの日 (体育の日) 2nd Monday
//                  of October; 海の日 3rd Monday of July and 敬老の日 3rd Monday of
//                  September (from 2003; before, 7/20 and 9/15)
//   equinoxes      春分の日 and 秋分の日 by the usual approximation for 1980–2099
//                  (the Cabinet announces them a year ahead; they agree to 2099)
//   2019–2021      the enthronement (4/30, 5/1, 5/2, 10/22 of 2019) and the
//                  Olympic moves of 海の日, スポーツの日 and 山の日 in 2020 and 2021
//   振替休日        a holiday on a Sunday moves to the next day that is not one
//   国民の休日      a day between two holidays is one
// Outside 2000–2099 nothing is a public holiday (the appliance never needs it).
// Not known: a ward's own closing days beyond 29 Dec – 3 Jan.
#include "kiosk/survey/domain.hpp"

namespace shogo::survey {

int weekday(Date date);  // 0 = Sunday … 6 = Saturday
bool is_public_holiday(Date date);
bool is_closing_day(Date date);

}  // namespace shogo::survey
