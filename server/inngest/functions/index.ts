import { welcomeEmail } from "./welcome-email";

export const functions = [welcomeEmail];
