// Why an export or import was refused or failed; the CLI prints the message and exits 1.
export enum TransferErrorCode {
  /** The file is not a Tessera archive, is of a newer format, or is cut short. */
  BadArchive = 'bad_archive',
  /** The archive and the target database are at different migrations. */
  SchemaMismatch = 'schema_mismatch',
  /** The source has migrations this Tessera knows of that are not applied. */
  MigrationsPending = 'migrations_pending',
  /** The target database already holds data. */
  TargetNotEmpty = 'target_not_empty',
  /** The target runs with another signing key than the source did. */
  SecretMismatch = 'secret_mismatch',
  /** The schema has a shape the archive cannot carry (e.g. a foreign-key cycle). */
  UnsupportedSchema = 'unsupported_schema',
  /** The output file exists. */
  FileExists = 'file_exists',
}

export class TransferError extends Error {
  constructor(
    readonly code: TransferErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TransferError';
  }
}
