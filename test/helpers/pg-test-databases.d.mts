import type pg from 'pg';

export declare const PG_URL_ENV: string;
export declare const PG_RUN_ENV: string;
export declare const EMPTY_TEMPLATE: string;
export declare const CORPUS_TEMPLATE: string;
export declare function testPgUrl(): string | undefined;
export declare function databaseUrl(adminUrl: string, name: string): string;
export declare function templateName(run: string, template: string): string;
export declare function connectAdmin(adminUrl: string): Promise<pg.Client>;
export declare function createDatabase(client: pg.Client, name: string, template?: string): Promise<void>;
export declare function dropDatabase(client: pg.Client, name: string): Promise<void>;
export declare function preparePgTemplates(adminUrl: string, root: string): Promise<string>;
export declare function dropRunDatabases(adminUrl: string, run: string): Promise<number>;
