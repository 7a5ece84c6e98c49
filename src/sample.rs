//! A synthetic sample article offered on first run (invented: no real outlet, person or event).

/// The sample's title.
pub const TITLE: &str = "Harbour town votes on flood wall after record tide";

/// The sample's text: curly and straight quotes, guillemets, a nested quote, Persian, an emoji,
/// and figures with qualifiers.
pub const TEXT: &str = "PORT ELLIS — The town council of Port Ellis approved a €40 million flood wall on Tuesday, \
three weeks after a record tide flooded at least 646 homes 🌊.

“We cannot ask people to bail out their kitchens every spring,” said Mayor Ana Ruiz. \
She added that the wall would protect “more than 12,000 residents” for 50 years.

Opponents were unconvinced. \"The council has not shown its numbers,\" Tomas Berg, a local fisherman, told the Ellis Courier. \
He said the harbour lost nearly 30% of its moorings during construction of the last barrier.

A visiting engineer, Dr. Leila Farahani, called the plan « solide, mais tardif ». \
Her report, written in Persian for her home institute, begins: «این دیوار تنها آغاز کار است» — “this wall is only the beginning.”

According to the council, the project will create around 85 jobs and should be finished by 2029.
";
