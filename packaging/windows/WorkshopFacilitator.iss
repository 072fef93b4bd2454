; Inno Setup script: wraps the PyInstaller folder dist\WorkshopFacilitator\ in one
; installer, WorkshopFacilitator-<version>-setup.exe, for a council Windows laptop.
;
;   1. python packaging\build.py                      (on Windows: builds dist\WorkshopFacilitator\)
;   2. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\WorkshopFacilitator.iss
;
; The installer lands in dist\installer\. See packaging\README.md.
;
; Per-user install: no administrator rights needed (most council laptops do not give them).
; It goes to %LOCALAPPDATA%\Programs\Workshop Facilitator, adds a Start menu shortcut and
; an uninstaller (Settings > Apps), and opens .workshop files with the app.
; The library itself lives in %LOCALAPPDATA%\Workshop Facilitator (logs in
; %LOCALAPPDATA%\Workshop Facilitator\Workshop Facilitator\Logs) and is NOT removed
; by the uninstaller: the notes are the council's, not the program's.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Workshop Facilitator"
#define AppExeName "WorkshopFacilitator.exe"
#define BundleDir "..\..\dist\WorkshopFacilitator"
#define FileProgId "WorkshopFacilitator.WorkshopFile"

[Setup]
; A fixed AppId keeps upgrades in place: never change it.
AppId={{6F0C7B52-2A8E-4C36-9B0E-3E5D7A1C9F41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Communities Team
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per user, no UAC prompt; {autopf} then means %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=WorkshopFacilitator-{#AppVersion}-setup
SetupIconFile=app.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no
MinVersion=10.0

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "associate"; Description: "Open &.workshop files with {#AppName}"; GroupDescription: "File types:"

[Files]
; The whole onedir bundle: the program, its _internal folder, resources and the user guide.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "Run community workshops and capture every sticky note"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install (HKLM if an administrator chose "all users").
Root: HKA; Subkey: "Software\Classes\.workshop"; ValueType: string; ValueName: ""; ValueData: "{#FileProgId}"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.workshop\OpenWithProgids"; ValueType: string; ValueName: "{#FileProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#FileProgId}"; ValueType: string; ValueName: ""; ValueData: "Workshop Facilitator workshop file"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#FileProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#FileProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" --open ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: ".workshop"; ValueData: ""; Flags: uninsdeletekey
; "Open with" runs this command (the app takes a bare FILE.workshop as --open FILE.workshop).
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""; Flags: uninsdeletekey

[Run]
; Phones (issue 14): phones on the hall's Wi-Fi connect to the app. Only an administrator
; ("all users" install) may add a firewall rule: then allow the app on PRIVATE networks
; only. A per-user install cannot; Windows asks the first time Phones is turned on, and the
; user guide ("Notes and votes from phones") and the Phones panel say to tick Private.
Filename: "{sys}\netsh.exe"; Parameters: "advfirewall firewall add rule name=""{#AppName} (phones)"" dir=in action=allow program=""{app}\{#AppExeName}"" profile=private enable=yes"; Flags: runhidden waituntilterminated; StatusMsg: "Allowing phones on private networks to reach the app..."; Check: IsAdminInstallMode
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself wrote beside it; the library and logs are left alone.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[UninstallRun]
Filename: "{sys}\netsh.exe"; Parameters: "advfirewall firewall delete rule name=""{#AppName} (phones)"""; Flags: runhidden waituntilterminated; RunOnceId: "RemovePhonesFirewallRule"; Check: IsAdminInstallMode
