import type { components } from './schema';

/** Short aliases for the generated OpenAPI schema types (never hand-written). */
export type Schemas = components['schemas'];

export type Category = Schemas['Category'];
export type RecordStatus = Schemas['RecordStatus'];
export type ArchiveData = Schemas['ArchiveData'];
export type ArchiveRecord = Schemas['ArchiveRecord'];
export type Attachment = Schemas['Attachment'];
export type StatusCounts = Schemas['StatusCounts'];
export type ReviewRow = Schemas['ReviewRow'];
export type ReviewLogEntry = Schemas['ReviewLogEntry'];
export type Decision = Schemas['Decision'];
export type DecisionResult = Schemas['DecisionResult'];
export type DecisionOutcome = Schemas['DecisionOutcome'];
export type Profile = Schemas['Profile'];
export type UpdateProfile = Schemas['UpdateProfile'];
export type EmployerHit = Schemas['EmployerHit'];
export type Employment = Schemas['Employment'];
export type Notification = Schemas['Notification'];

/** The typed `data` of one category, e.g. `DataOf<'education'>` is the Education schema. */
export type DataOf<C extends Category> = Extract<ArchiveData, { category: C }>['data'];

export type ParsedPaper = Schemas['ParsedPaper'];
export type PaperImportResult = Schemas['PaperImport'];
export type AuthorisationState = Schemas['AuthorisationState'];
export type Department = Schemas['Department'];
export type EmployerInfo = Schemas['EmployerInfo'];
export type AccountChange = Schemas['AccountChange'];
export type Application = Schemas['Application'];
export type ApplicationKind = Schemas['ApplicationKind'];
export type ApplicationStatus = Schemas['ApplicationStatus'];
export type ApplicationCounts = Schemas['ApplicationCounts'];
export type OrgUnitRef = Schemas['OrgUnitRef'];
