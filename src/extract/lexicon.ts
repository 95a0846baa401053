// Word lists shared by the extraction rules. Lower case unless stated.
import { DOTTED_HONORIFICS } from './honorifics.js';

/** Verbs and phrases that introduce speech, in every inflection we match. */
export const CUE_VERBS = [
  'said', 'says', 'say', 'saying', 'told', 'tells', 'tell', 'telling', 'added', 'adds', 'adding',
  'wrote', 'writes', 'write', 'writing', 'written', 'claimed', 'claims', 'claiming', 'insisted', 'insists', 'insisting',
  'posted', 'posts', 'posting', 'described', 'describes', 'describing', 'warned', 'warns', 'warning',
  'argued', 'argues', 'arguing', 'stated', 'states', 'declared', 'declares', 'explained', 'explains', 'explaining',
  'announced', 'announces', 'admitted', 'admits', 'admitting', 'noted', 'notes', 'remarked', 'remarks',
  'continued', 'continues', 'replied', 'replies', 'responded', 'responds', 'tweeted', 'tweets', 'commented', 'comments',
  'acknowledged', 'acknowledges', 'urged', 'urges', 'urging', 'recalled', 'recalls', 'asked', 'asks',
  'suggested', 'suggests', 'alleged', 'alleges', 'maintained', 'maintains', 'stressed', 'stresses', 'emphasised',
  'insisted', 'predicted', 'predicts', 'promised', 'promises', 'pledged', 'vowed', 'vows', 'conceded', 'concedes',
  'confirmed', 'confirms', 'denied', 'denies', 'boasted', 'complained', 'complains', 'joked', 'shouted', 'cried',
  'pointed out', 'went on to say', 'according to', 'quoted', 'read', 'reads', 'called', 'branded', 'labelled', 'dubbed',
  'encouraged', 'praised', 'criticised', 'accused', 'blamed', 'thought', 'believes', 'believed',
];

/** Cues that report speech without quoting ("X claimed that ..."). */
export const REPORTING_CUES = new Set([
  'said', 'says', 'told', 'tells', 'added', 'adds', 'wrote', 'writes', 'claimed', 'claims', 'insisted', 'insists',
  'warned', 'warns', 'argued', 'argues', 'stated', 'declared', 'explained', 'announced', 'admitted', 'noted',
  'suggested', 'suggests', 'alleged', 'alleges', 'maintained', 'stressed', 'predicted', 'promised', 'pledged',
  'conceded', 'confirmed', 'denied', 'believes', 'believed', 'thinks', 'thought', 'estimated', 'revealed', 'accepted',
]);

/** Participle cues: their subject is the subject of the sentence, not the word before them. */
export const PARTICIPLE_CUES = new Set(['saying', 'adding', 'claiming', 'insisting', 'arguing', 'explaining', 'writing', 'warning', 'urging', 'telling', 'describing', 'posting', 'admitting']);

/** Cues that label a thing rather than report speech ("described as", "called"): frame partial quotes only. */
export const LABEL_CUES = new Set(['called', 'branded', 'labelled', 'dubbed', 'described', 'describes', 'describing', 'praised', 'criticised', 'accused', 'blamed']);

/** Honorifics and titles stripped from the front of a person's name. Case as written. */
export const TITLES = new Set([
  'Sir', 'Mr', 'Mr.', 'Mrs', 'Mrs.', 'Ms', 'Ms.', 'Miss', 'Dr', 'Dr.', 'Lord', 'Lady', 'Dame', 'Prof', 'Prof.', 'Professor',
  'Imam', 'Rev', 'Rev.', 'Reverend', 'Rabbi', 'Cllr', 'Councillor', 'Baroness', 'Baron', 'Senator', 'Sen.', 'Rep.', 'Gov.',
  'Governor', 'General', 'Gen.', 'Captain', 'Capt.', 'Judge', 'Justice', 'Sheikh', 'Shaykh', 'Pope', 'King', 'Queen',
  'Prince', 'Princess', 'President', 'Chancellor', 'Commissioner', 'Inspector', 'Sergeant', 'Detective', 'Officer',
  'Bishop', 'Archbishop', 'Father', 'Brother', 'Sister', 'Ayatollah', 'Mayor', 'MP', 'Chairman', 'Chief',
  ...DOTTED_HONORIFICS,
]);

/** Role words that end a title phrase ("Levelling-Up Secretary Michael Gove", "Prime Minister Tony Blair"). */
export const ROLE_WORDS = new Set([
  'Secretary', 'Minister', 'Chancellor', 'President', 'Leader', 'Chairman', 'Chairwoman', 'Chair', 'Director', 'Executive',
  'Officer', 'Spokesman', 'Spokeswoman', 'Spokesperson', 'Commissioner', 'Ambassador', 'Editor', 'Governor', 'Mayor',
  'Premier', 'Speaker', 'Deputy', 'Vice', 'Coach', 'Manager', 'Captain', 'Striker', 'Midfielder', 'Defender', 'Goalkeeper',
  'Boss', 'Champion', 'Candidate', 'Councillor', 'Attorney', 'Judge', 'Sheriff', 'Senator', 'Congressman', 'Congresswoman',
  'Whip',
]);

/** Words that make a capitalised span an organisation. */
export const ORG_WORDS = new Set([
  'Party', 'Network', 'Association', 'Council', 'Organisation', 'Organization', 'Academy', 'Centre', 'Center', 'News',
  'Group', 'Movement', 'University', 'College', 'Commission', 'Committee', 'Government', 'Ministry', 'Department',
  'Office', 'Bank', 'Ltd', 'Inc', 'Corp', 'Corporation', 'Company', 'Agency', 'Authority', 'Institute', 'Trust',
  'Foundation', 'Federation', 'Union', 'League', 'Club', 'Society', 'Service', 'Services', 'Alliance', 'Coalition',
  'Front', 'Forum', 'Board', 'Bureau', 'Times', 'Post', 'Mail', 'Guardian', 'Telegraph', 'Herald', 'Express', 'Press',
  'Channel', 'TV', 'Radio', 'Records', 'Studios', 'Pictures', 'Industries', 'Group', 'Holdings', 'Airways', 'Airlines',
  'Motors', 'Parliament', 'Assembly', 'Executive', 'Court', 'Police', 'Army', 'Navy', 'Force', 'Forces', 'Mosque',
  'Church', 'Masjid', 'School', 'Hospital', 'Fund', 'Campaign', 'Initiative', 'Vote', 'Exchange', 'Commons', 'Senate',
  'Congress', 'Unit', 'FC', 'Federation', 'Organisation', 'Change', 'Brigade', 'Friends', 'Workers', 'Network',
  'Instruments', 'Systems', 'Technologies', 'Technology', 'Electronics', 'Pharmaceuticals', 'Communications', 'Networks', 'Partners',
  'Capital', 'Energy', 'Telecom', 'Entertainment', 'Media', 'Brands', 'Foods', 'Stores', 'Steel', 'Insurance', 'Securities',
  'Investments', 'Administration', 'plc', 'PLC', 'AG', 'Inc.', 'Ltd.', 'LLC', 'Bros', 'Mining', 'Petroleum', 'Software', 'Semiconductor',
]);

/** Well-known organisation names that carry no organisation word. */
export const KNOWN_ORGS = new Set([
  'Labour', 'Conservatives', 'Conservative', 'Tories', 'Tory', 'Greens', 'Lib Dems', 'Lib Dem', 'Liberal Democrats',
  'Reform UK', 'Hamas', 'Hezbollah', 'Facebook', 'Twitter', 'YouTube', 'TikTok', 'Google', 'Microsoft', 'Apple', 'Amazon',
  'Sky', 'Ofcom', 'Ofsted', 'Mend', 'Nato', 'Interpol', 'Europol', 'Reuters', 'Survation', 'YouGov', 'Ipsos', 'Whitehall',
  'Downing Street', 'Westminster', 'Sony', 'Nintendo', 'Yahoo', 'Vodafone', 'Airbus', 'Boeing', 'Fifa', 'Uefa',
]);

/** Capitalised words that start sentences but are not names. */
export const NON_NAME_WORDS = new Set([
  'The', 'A', 'An', 'In', 'On', 'At', 'After', 'Before', 'Among', 'But', 'And', 'Or', 'However', 'He', 'She', 'It',
  'They', 'We', 'I', 'You', 'This', 'That', 'These', 'Those', 'There', 'Here', 'His', 'Her', 'Its', 'Their', 'Our',
  'My', 'Your', 'When', 'While', 'Where', 'What', 'Why', 'How', 'Who', 'Which', 'If', 'As', 'For', 'From', 'With',
  'Without', 'By', 'To', 'Of', 'Over', 'Under', 'Even', 'Although', 'Though', 'Despite', 'Since', 'Until', 'During',
  'Meanwhile', 'Also', 'So', 'Yet', 'Then', 'Now', 'Another', 'One', 'Some', 'Many', 'Most', 'More', 'Much', 'All',
  'Both', 'Each', 'Every', 'Any', 'No', 'Not', 'Nor', 'Such', 'Other', 'Others', 'Last', 'Next', 'First', 'Second',
  'Third', 'Later', 'Earlier', 'Long', 'Asked', 'Speaking', 'Responding', 'Having', 'Being', 'According', 'Like',
  'Unlike', 'Prior', 'Following', 'Instead', 'Indeed', 'Still', 'Just', 'Only', 'Yes', 'Well', 'Oh', 'Read', 'More', 'Share', 'Via', 'Top', 'Latest', 'Independent', 'Pro', 'Anti', 'Former', 'Senior',
  'Key', 'Among', 'Against', 'Through', 'Throughout', 'Within', 'Upon', 'Into', 'Onto', 'Because', 'Unless', 'Whether',
  'Whilst', 'Today', 'Yesterday', 'Tomorrow', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday',
  'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'CEO', 'CFO', 'COO', 'MPs', 'MSPs', 'MEP', 'MEPs', 'PM', 'OK', 'TV', 'Revealed', 'Exclusive', 'Update', 'Updated', 'Breaking', 'Analysis', 'Comment', 'Opinion', 'Photo', 'Picture',
]);

export const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

export const PREPOSITIONS = new Set([
  'in', 'at', 'from', 'to', 'by', 'with', 'against', 'of', 'for', 'about', 'on', 'into', 'onto', 'towards', 'toward',
  'near', 'alongside', 'beside', 'across', 'through', 'between', 'among', 'amongst', 'behind', 'under', 'over', 'beyond', 'via', 'like',
  'than', 'after', 'before', 'during', 'within', 'without', 'around', 'outside', 'inside', 'upon', 'unseated',
  'defeated', 'beat', 'beats', 'defied', 'endorsed', 'backed', 'met', 'meeting', 'urging', 'challenging',
  'told', 'tells', 'telling', // the hearer: "Kapranos told BBC News Online" (BBC News Online said nothing)
]);

/** Head nouns of a nominal speaker ("the group", "a Labour source", "the letter"). */
export const ORG_NOUNS = new Set(['group', 'organisation', 'organisations', 'organization', 'organizations', 'party', 'network', 'campaign', 'charity', 'company', 'firm', 'groups', 'union', 'council', 'government', 'ministry', 'department', 'club', 'alliance', 'coalition', 'movement', 'association', 'body', 'agency', 'regulator', 'bank', 'association']);
export const PERSON_ROLE_NOUNS = new Set(['campaigner', 'politician', 'candidate', 'minister', 'mp', 'leader', 'preacher', 'imam', 'activist', 'lawyer', 'solicitor', 'barrister', 'councillor', 'professor', 'academic', 'author', 'writer', 'chairman', 'chairwoman', 'chief', 'president', 'actor', 'actress', 'singer', 'star', 'player', 'manager', 'coach', 'boss', 'veteran', 'director', 'executive', 'founder', 'man', 'woman', 'premier', 'chancellor', 'secretary', 'striker', 'midfielder', 'defender', 'goalkeeper', 'captain', 'champion', 'winner', 'businessman', 'businesswoman', 'entrepreneur', 'analyst', 'economist', 'journalist', 'presenter', 'host', 'comedian', 'musician', 'rapper', 'film-maker', 'filmmaker', 'producer', 'designer', 'official']);
export const ANONYMOUS_NOUNS = new Set(['source', 'sources', 'spokesperson', 'spokesman', 'spokeswoman', 'official', 'officials', 'strategist', 'voter', 'voters', 'insider', 'insiders', 'aide', 'aides', 'resident', 'residents', 'witness', 'witnesses', 'observer', 'observers', 'analyst', 'analysts', 'expert', 'experts', 'critic', 'critics', 'supporter', 'supporters', 'spokespeople', 'worshipper', 'worshippers', 'member', 'members', 'statement', 'report', 'survey', 'study', 'letter', 'pledge', 'website', 'post', 'poster', 'video', 'document', 'memo', 'manifesto', 'petition', 'tweet', 'message', 'email', 'motion', 'ruling', 'judgment', 'judgement', 'verdict', 'complaint', 'filing', 'notice', 'announcement', 'blog', 'page', 'account']);

/** Nouns whose plural counts people (unit "people"). */
export const PEOPLE_NOUNS = new Set(['people', 'persons', 'civilians', 'children', 'adults', 'residents', 'individuals', 'refugees', 'migrants', 'victims', 'deaths', 'dead', 'casualties', 'palestinians', 'israelis', 'ukrainians', 'russians', 'britons', 'americans', 'women', 'men', 'patients', 'pupils', 'students', 'workers', 'employees', 'staff', 'protesters', 'fans', 'spectators', 'troops', 'soldiers', 'hostages', 'prisoners']);

/**
 * Lower-case words a scraper glues onto the end of a name ("Hussainnarrowly", "Starmerheld", "Iqbalin"): function
 * words and the verbs and adverbs of election and speech reports. Tails shorter than five letters (and any tail of a
 * sentence-opening word) only split after a word known as a name elsewhere in the article ("Iqbal"), so "Martin",
 * "Justin", "Holland" or "Notwithstanding" stay whole; "Iraqis" is never split ("is" is no tail).
 */
export const GLUED_TAILS = new Set([
  'in', 'at', 'and', 'the', 'of', 'to', 'was', 'has', 'had', 'who', 'with', 'for', 'from', 'by', 'held', 'won', 'lost',
  'beat', 'took', 'said', 'says', 'told', 'said', 'wins', 'holds', 'leads', 'led', 'will', 'would', 'general', 'election',
  'narrowly', 'comfortably', 'easily', 'finally', 'defeated', 'unseated', 'secured', 'retained', 'overturned', 'finished',
  'claimed', 'gained', 'defended', 'received', 'announced', 'became', 'described', 'accused', 'admitted', 'insisted',
  'argued', 'added', 'denied', 'defied', 'resigned', 'returned',
]);
