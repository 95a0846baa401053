export declare const DB_IMAGES_ENV: string;
export declare const EMPTY_IMAGE: string;
export declare const CORPUS_IMAGE: string;
export declare function prepareDbImages(root?: string): Promise<string>;
